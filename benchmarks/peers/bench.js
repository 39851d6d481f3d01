// The ICAO specimens with UTO replaced by FRA: the mrz package refuses the specimen state UTO, and
// neither composite check digit covers the state codes, so the zones stay valid.
// Runs the npm packages `mrz` and `ibantools` on the inputs of our BenchmarkDotNet suite
// (benchmarks/Verification.Benchmarks/Documents/DocumentBenchmarks.cs, class PeerInputs) and prints
// one JSON object: { "<benchmark name>": <mean nanoseconds per operation>, ... }.
'use strict';
const { parse } = require('mrz');
const ibantools = require('ibantools');

const TD3 = 'P<FRAERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36FRA7408122F1204159ZE184226B<<<<<10';
const TD1 = 'I<FRAD231458907<<<<<<<<<<<<<<<\n7408122F1204159FRA<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<';
const IBAN = 'FR1420041010050500013M02606';
const IBAN_PRINTED = 'FR14 2004 1010 0505 0001 3M02 606';

let sink = 0;

// node bench.js [rounds] [operations per round]: bench.sh --quick passes fewer than the defaults.
const ROUNDS = Number(process.argv[2] ?? 7);
const PER_ROUND = Number(process.argv[3] ?? 50000);

function measure(fn) {
  // Warm up so that the JIT has optimised the code, then take the best of several timed rounds.
  for (let i = 0; i < 20000; i++) sink ^= fn() ? 1 : 0;
  let best = Infinity;
  for (let round = 0; round < ROUNDS; round++) {
    const n = PER_ROUND;
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) sink ^= fn() ? 1 : 0;
    const ns = Number(process.hrtime.bigint() - start) / n;
    if (ns < best) best = ns;
  }
  return best;
}

const checks = {
  td3_parse_validate: () => parse(TD3).valid,
  td1_parse_validate: () => parse(TD1).valid,
  iban_validate: () => ibantools.isValidIBAN(IBAN),
  iban_validate_printed: () => ibantools.isValidIBAN(ibantools.electronicFormatIBAN(IBAN_PRINTED)),
  bic_validate: () => ibantools.isValidBIC('BNPAFRPPXXX'),
};

// Sanity: the peers must agree that the inputs are valid, or the comparison means nothing.
for (const [name, fn] of Object.entries(checks)) {
  if (!fn()) throw new Error(`peer says ${name} input is invalid`);
}

const results = {};
for (const [name, fn] of Object.entries(checks)) results[name] = measure(fn);
results._sink = sink & 1;
console.log(JSON.stringify(results));
