// The machine's ceiling: a bare Node HTTP server answering a fixed 2 KB JSON body.
// Measured the same way as Lokapasar, so every figure can be read as a share of it.
import http from 'node:http';

const items = Array.from({ length: 20 }, (_, i) => ({
  id: `prd_${String(i).padStart(16, '0')}`,
  title: 'Bawang merah super',
  price: 38000,
}));
const body = JSON.stringify({ items, padding: '' });
const padded = JSON.stringify({ items, padding: 'x'.repeat(Math.max(0, 2048 - body.length)) });

const server = http.createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(padded) });
  response.end(padded);
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
