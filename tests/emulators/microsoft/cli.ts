// Runs the emulator as its own process for the demo and browser tests:
//   node --import tsx tests/emulators/microsoft/cli.ts --host 127.0.0.2 --port 4011 \
//     --client-id <guid> --secret <value> --redirect-uri https://login.microsoftonline.com/common/oauth2/nativeclient
// Prints the origin on stdout and nothing else; stops on SIGINT/SIGTERM.
import { parseArgs } from 'node:util';
import type { SignInAudience } from './model.js';
import { startMicrosoftEmulator } from './server.js';

const AUDIENCES: SignInAudience[] = ['multi_and_personal', 'multi', 'single', 'personal'];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '0' },
      'client-id': { type: 'string' },
      secret: { type: 'string' },
      'secret-id': { type: 'string', default: '00000000-0000-0000-0000-000000000001' },
      'secret-expires': { type: 'string' },
      'redirect-uri': { type: 'string', multiple: true, default: [] },
      'tenant-id': { type: 'string' },
      audience: { type: 'string', default: 'multi_and_personal' },
    },
  });
  const audience = values.audience as SignInAudience;
  if (!AUDIENCES.includes(audience)) throw new Error(`--audience must be one of ${AUDIENCES.join(', ')}`);
  const emulator = await startMicrosoftEmulator({ host: values.host, port: Number(values.port) });
  if (values['client-id']) {
    const secret = values.secret ? [{ value: values.secret, id: values['secret-id'], expiresAt: values['secret-expires'] }] : [];
    emulator.registerApp({ clientId: values['client-id'], tenantId: values['tenant-id'], signInAudience: audience, secrets: secret, redirectUris: values['redirect-uri'] });
  }
  process.stdout.write(`${emulator.origin}\n`);
  const stop = () => void emulator.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`microsoft emulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
