// The rush benchmarks' HTTP client: Node's own, kept-alive connections, one JSON request with
// the buyer's token answered as {status, text}.
import http from "node:http";

export function client(base, sockets) {
  const url = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });

  function send(method, path, token, body, contentType) {
    const payload = JSON.stringify(body);
    const headers = {
      Authorization: `JWT ${token}`,
      "Content-Type": contentType,
      "Content-Length": Buffer.byteLength(payload),
    };
    return new Promise((resolve, reject) => {
      const request = http.request(
        { agent, host: url.hostname, port: url.port, method, path, headers },
        (response) => {
          const chunks = [];
          response.on("data", (chunk) => chunks.push(chunk));
          response.on("end", () =>
            resolve({ status: response.statusCode, text: Buffer.concat(chunks).toString() }),
          );
        },
      );
      request.on("error", reject);
      request.end(payload);
    });
  }

  return { send, close: () => agent.destroy() };
}
