// A problem a person must act on, as stored and shown: Microsoft refused an app registration's
// credentials, or an account must sign in again. A stable code, Microsoft's AADSTS number when
// there was one, and the words a person acts on.

export interface ConfigurationProblemView {
  code: string;
  aadsts?: number;
  title: string;
  fix: string;
  since: string;
}
