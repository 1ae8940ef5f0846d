// One step of the ticket rush for every buyer, CONCURRENCY (16) at a time, so the server's
// CPU per request of each step can be read apart (bench/rush_steps.sh).
//
//     node bench/rush_steps.mjs BASE_URL SEED_JSON STEP STATE_JSON
// STEP `create` makes each buyer's order for the second ticket and writes what the next
// steps need to STATE_JSON; `attendee` fills in each order's attendee; `order` completes it.
// Prints {step, requests, per_second, statuses}.
import { readFileSync, writeFileSync } from "node:fs";
import { client } from "./rushclient.mjs";

const [base, seedFile, step, stateFile] = process.argv.slice(2);
const seed = JSON.parse(readFileSync(seedFile, "utf8"));
const lanes = Number(process.env.CONCURRENCY || 16);
const { send, close } = client(base, lanes);
const JSONAPI = "application/vnd.api+json";
const statuses = {};

async function create(buyer) {
  const body = { tickets: [{ id: seed.tickets[1], quantity: 1 }] };
  const answer = await send("POST", "/v1/orders/create-order?include=attendees", buyer.token, body, "application/json");
  if (answer.status === 200) {
    const document = JSON.parse(answer.text);
    buyer.order = document.data.id;
    buyer.identifier = document.data.attributes.identifier;
    buyer.attendee = document.included[0].id;
  }
  return answer.status;
}

async function attendee(buyer) {
  const attributes = { firstname: "Ada", lastname: "Lovelace", email: "ada@example.com" };
  const patch = { data: { type: "attendee", id: buyer.attendee, attributes } };
  return (await send("PATCH", `/v1/attendees/${buyer.attendee}`, buyer.token, patch, JSONAPI)).status;
}

async function order(buyer) {
  const patch = { data: { type: "order", id: buyer.order, attributes: { status: "completed" } } };
  return (await send("PATCH", `/v1/orders/${buyer.identifier}`, buyer.token, patch, JSONAPI)).status;
}

const run = { create, attendee, order }[step];
const buyers = step === "create"
  ? seed.tokens.map((token) => ({ token }))
  : JSON.parse(readFileSync(stateFile, "utf8")).filter((buyer) => buyer.order);
let next = 0;
const started = performance.now();
await Promise.all(Array.from({ length: lanes }, async () => {
  while (next < buyers.length) {
    const status = await run(buyers[next++]);
    statuses[status] = (statuses[status] || 0) + 1;
  }
}));
const seconds = (performance.now() - started) / 1000;
if (step === "create") writeFileSync(stateFile, JSON.stringify(buyers));
close();
console.log(JSON.stringify({
  step, requests: buyers.length, per_second: Math.round(buyers.length / seconds), statuses,
}));
