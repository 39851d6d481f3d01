// Signs the same 1 KiB message as benchmarks/Verification.Benchmarks/Webhooks/WebhookSigningBenchmarks.cs
// with the npm `standardwebhooks` package, N times, and prints ns/op.
// Usage: npm install && node sign-bench.js [iterations]
"use strict";

const { Webhook } = require("standardwebhooks");

// The Standard Webhooks specification's vector: proves the peer computes the same thing as ours.
const vector = new Webhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
const vectorSignature = vector.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", new Date(1614265330 * 1000), '{"test": 2432232314}');
if (vectorSignature !== "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=") {
  throw new Error(`standardwebhooks does not reproduce the specification vector: ${vectorSignature}`);
}

// Same inputs as the .NET benchmark: key bytes 0..31, payload of 1024 bytes 'a'..'z' repeated.
const secret = "whsec_" + Buffer.from(Array.from({ length: 32 }, (_, i) => i)).toString("base64");
const payload = Array.from({ length: 1024 }, (_, i) => String.fromCharCode(97 + (i % 26))).join("");
const msgId = "msg_01JD5V2Q9Z3X4Y5W6V7T8S9R0Q";
const timestamp = new Date(1800000000 * 1000);
const webhook = new Webhook(secret);

const iterations = Number(process.argv[2] ?? 200000);
let sink = 0;
for (let i = 0; i < Math.min(20000, iterations); i++) {
  sink += webhook.sign(msgId, timestamp, payload).length;
}

const runs = [];
for (let run = 0; run < 5; run++) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) {
    sink += webhook.sign(msgId, timestamp, payload).length;
  }
  const elapsed = Number(process.hrtime.bigint() - start);
  runs.push(elapsed / iterations);
}

runs.sort((a, b) => a - b);
console.log(JSON.stringify({
  package: "standardwebhooks@1.1.1",
  node: process.version,
  payloadBytes: payload.length,
  iterations,
  nsPerOpMedian: Math.round(runs[2]),
  nsPerOpMin: Math.round(runs[0]),
  signature: webhook.sign(msgId, timestamp, payload),
  sink,
}));
