// The ticket-rush load: every buyer at once, each with its own token and connection.
//
//     node bench/rush.mjs BASE_URL SEED_JSON MODE
// MODE `create`: each buyer only creates an order for one ticket of the first ticket;
// MODE `flow`: each buyer creates an order for the second ticket, fills in its attendee and
// completes the order (three requests). CONCURRENCY buyers at once (all of them unless set).
// Prints a JSON summary: counts by status, 5xx, the orders completed (or created) per second
// over the whole run, and create-order latencies.
// Node's own HTTP client (rushclient.mjs): the load generator shares the machine with the
// server and the database, so it should cost as little CPU per request as it can.
import { readFileSync } from "node:fs";
import { client } from "./rushclient.mjs";

const [base, seedFile, mode] = process.argv.slice(2);
const seed = JSON.parse(readFileSync(seedFile, "utf8"));
const flow = mode === "flow";
const ticket = seed.tickets[flow ? 1 : 0];
const { send, close } = client(base, seed.tokens.length);
const ATTENDEE = { firstname: "Ada", lastname: "Lovelace", email: "ada@example.com" };
const statuses = {};
const latencies = [];
let completed = 0;

function count(key) {
  statuses[key] = (statuses[key] || 0) + 1;
}

async function buyer(token) {
  const started = performance.now();
  const body = { tickets: [{ id: ticket, quantity: 1 }] };
  const created = await send(
    "POST", "/v1/orders/create-order?include=attendees", token, body, "application/json",
  );
  count(`create ${created.status}`);
  latencies.push(performance.now() - started);
  if (created.status !== 200 || !flow) return;
  const document = JSON.parse(created.text);
  const order = document.data;
  const attendee = document.included[0];
  const steps = [
    [`/v1/attendees/${attendee.id}`, "attendee", attendee.id, ATTENDEE],
    [`/v1/orders/${order.attributes.identifier}`, "order", order.id, { status: "completed" }],
  ];
  for (const [path, type, id, attributes] of steps) {
    const patch = { data: { type, id, attributes } };
    const answer = await send("PATCH", path, token, patch, "application/vnd.api+json");
    count(`${type} ${answer.status}`);
    if (answer.status !== 200) return;
  }
  completed += 1;
}

async function safely(token) {
  try {
    await buyer(token);
  } catch (error) {
    count(`error ${error.code || error.message}`);
  }
}

const started = performance.now();
const limit = Number(process.env.CONCURRENCY || seed.tokens.length);
let next = 0;
async function lane() {
  while (next < seed.tokens.length) await safely(seed.tokens[next++]);
}
await Promise.all(Array.from({ length: Math.min(limit, seed.tokens.length) }, lane));
const seconds = (performance.now() - started) / 1000;
close();
latencies.sort((a, b) => a - b);
const done = flow ? completed : statuses["create 200"] || 0;
const at = (share) => latencies[Math.max(0, Math.ceil(latencies.length * share) - 1)] || 0;
const cpu = process.cpuUsage();
const fivexx = Object.entries(statuses)
  .filter(([key]) => (key.split(" ")[1] || "").startsWith("5"))
  .reduce((sum, [, n]) => sum + n, 0);
console.log(JSON.stringify({
  mode,
  buyers: seed.tokens.length,
  seconds: Math.round(seconds * 1000) / 1000,
  per_second: Math.round((done / seconds) * 10) / 10,
  done,
  statuses,
  "5xx": fivexx,
  create_p50_ms: Math.round(at(0.5) * 10) / 10,
  create_p99_ms: Math.round(at(0.99) * 10) / 10,
  client_cpu_ms_per_order: Math.round(((cpu.user + cpu.system) / 1000 / Math.max(done, 1)) * 100) / 100,
}));
