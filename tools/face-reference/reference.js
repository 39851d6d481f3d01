// Runs the reference implementation of face-api 1.7.15 (CommonJS build, TensorFlow.js WASM backend)
// and prints, per image, the decoded size, then per face: detection box and score, the 68 landmarks,
// the dlib-aligned crop rectangle and the 128-D descriptor, as one JSON document on stdout.
// With --dump-pixels <dir>, also writes each image's decoded RGB bytes (<name>.rgb) so the C# port
// can be fed exactly the pixels the reference saw (JPEG decoders differ by a grey level here and there).
// Usage: node reference.js --models <dir with the face-api model files> [--dump-pixels <dir>] [--input-size 416] image.jpg...
// Test tooling only: the product never runs this.
'use strict';
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs');
const wasm = require('@tensorflow/tfjs-backend-wasm');
const jpeg = require('jpeg-js');
const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js');

function parseArgs(argv) {
  const args = { models: null, dump: null, inputSize: 416, scoreThreshold: 0.5, images: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--models') args.models = argv[++i];
    else if (a === '--dump-pixels') args.dump = argv[++i];
    else if (a === '--input-size') args.inputSize = Number(argv[++i]);
    else if (a === '--score-threshold') args.scoreThreshold = Number(argv[++i]);
    else args.images.push(a);
  }
  if (!args.models || args.images.length === 0) {
    process.stderr.write('usage: node reference.js --models <dir> [--dump-pixels <dir>] image...\n');
    process.exit(2);
  }
  return args;
}

function decode(file) {
  const raw = jpeg.decode(fs.readFileSync(file), { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 1024 });
  const rgb = new Uint8Array(raw.width * raw.height * 3);
  for (let i = 0, j = 0; i < raw.data.length; i += 4, j += 3) {
    rgb[j] = raw.data[i]; rgb[j + 1] = raw.data[i + 1]; rgb[j + 2] = raw.data[i + 2];
  }
  return { width: raw.width, height: raw.height, rgb };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const wasmDir = path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + path.sep;
  wasm.setWasmPaths(wasmDir);
  await tf.setBackend('wasm');
  await tf.ready();
  await faceapi.nets.tinyFaceDetector.loadFromDisk(args.models);
  await faceapi.nets.faceLandmark68Net.loadFromDisk(args.models);
  await faceapi.nets.faceRecognitionNet.loadFromDisk(args.models);
  const options = new faceapi.TinyFaceDetectorOptions({ inputSize: args.inputSize, scoreThreshold: args.scoreThreshold });
  const out = { reference: '@vladmandic/face-api ' + require('@vladmandic/face-api/package.json').version, tfjs: tf.version_core, backend: tf.getBackend(), inputSize: args.inputSize, scoreThreshold: args.scoreThreshold, images: [] };
  for (const file of args.images) {
    const img = decode(file);
    if (args.dump) {
      fs.mkdirSync(args.dump, { recursive: true });
      fs.writeFileSync(path.join(args.dump, path.basename(file) + '.rgb'), img.rgb);
    }
    const tensor = tf.tensor3d(img.rgb, [img.height, img.width, 3], 'int32');
    const t0 = performance.now();
    const results = await faceapi.detectAllFaces(tensor, options).withFaceLandmarks().withFaceDescriptors();
    const ms = performance.now() - t0;
    tensor.dispose();
    const faces = results.map((r) => {
      const aligned = r.landmarks.align(null, { useDlibAlignment: true });
      return {
        score: r.detection.score,
        box: { x: r.detection.box.x, y: r.detection.box.y, width: r.detection.box.width, height: r.detection.box.height },
        landmarks: r.landmarks.positions.map((p) => [p.x, p.y]),
        alignedRect: { x: aligned.x, y: aligned.y, width: aligned.width, height: aligned.height },
        descriptor: Array.from(r.descriptor),
      };
    });
    out.images.push({ file: path.basename(file), width: img.width, height: img.height, milliseconds: ms, faces });
  }
  process.stdout.write(JSON.stringify(out) + '\n');
}

main().catch((err) => { process.stderr.write(String(err && err.stack || err) + '\n'); process.exit(1); });
