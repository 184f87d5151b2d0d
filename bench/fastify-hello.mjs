// The baselines, as bare as Fastify's own benchmarks run (no logger):
//  GET /        the hello-world;
//  POST /token  the same request shape as the token API (JSON body parsed), answering the exact bytes
//               the service answered (ANSWER), so request shape and answer size are not counted as overhead.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
const answer = process.env.ANSWER ?? '{}';
app.get('/', async () => ({ hello: 'world' }));
app.post('/token', async (_request, reply) => reply.type('application/json; charset=utf-8').send(answer));
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
