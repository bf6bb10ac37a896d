/**
 * The HTTP server of the pipeline benchmark, run in a process of its own so that its work is
 * not measured as the client's: keep-alive, a small JSON answer to every request. Started by
 * bench/pipeline.ts with `fork`; reports its port over IPC and exits when the parent does.
 */
import { createServer } from 'node:http';

const body = JSON.stringify({
  ok: true,
  items: [
    { sku: 'SKU-1', quantity: 3 },
    { sku: 'SKU-2', quantity: 0 },
  ],
});
const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, headers);
    res.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.send?.({ port: server.address().port }));
process.on('disconnect', () => process.exit(0));
