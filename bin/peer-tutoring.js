#!/usr/bin/env node
// The `peer-tutoring` command: runs the built local CLI (`npm run build` writes dist/cli.js).
require('../dist/cli.js').main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
