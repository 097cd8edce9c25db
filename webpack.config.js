// Builds three things with one `webpack` run:
//  - build/Code.js: the Apps Script server bundle (esbuild compiles TypeScript; gas-webpack-plugin
//    writes a top-level function for each export of src/gas/entry-points.ts);
//  - build/Sidebar.html: the sidebar as one file with its script and styles inlined (HtmlService needs that);
//  - dist/cli.js: the local command line and sidebar server for Node.
const path = require('path');
const fs = require('fs');
const zlib = require('zlib');
const esbuild = require('esbuild');
const GasPlugin = require('gas-webpack-plugin');

const typescriptRule = {
  test: /\.ts$/,
  loader: 'esbuild-loader',
  options: { target: 'es2019' },
};

/** Emits one extra file into the build, rebuilt whenever one of its source files changes. */
class EmitFilePlugin {
  constructor(filename, sources, produce) {
    Object.assign(this, { filename, sources, produce });
  }

  apply(compiler) {
    compiler.hooks.thisCompilation.tap('EmitFilePlugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'EmitFilePlugin', stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONS },
        () => {
          compilation.emitAsset(this.filename, new compiler.webpack.sources.RawSource(this.produce()));
          for (const source of this.sources()) compilation.fileDependencies.add(source);
        },
      );
    });
  }
}

const uiDir = path.resolve(__dirname, 'src/ui');
const manifest = path.resolve(__dirname, 'appsscript.json');

/** The sidebar script bundled by esbuild and inlined, with its CSS, into the HTML template. */
function sidebarHtml() {
  const bundle = (entry, define = {}) =>
    esbuild.buildSync({ entryPoints: [path.join(uiDir, entry)], bundle: true, minify: true, format: 'iife', target: 'es2019', define, write: false })
      .outputFiles[0].text;
  // The exact finish's worker (exact-worker.ts) is started from text: the sidebar is one HTML file.
  const script = bundle('sidebar.ts', { EXACT_WORKER_SOURCE: JSON.stringify(bundle('exact-worker.ts')) });
  const css = fs.readFileSync(path.join(uiDir, 'sidebar.css'), 'utf8');
  return (
    fs
      .readFileSync(path.join(uiDir, 'sidebar.html'), 'utf8')
      .replace('/*INLINE_CSS*/', () => css)
      // `</script` inside the bundle would end the script element early.
      .replace('/*INLINE_SCRIPT*/', () => script.replace(/<\/script/gi, '<\\/script'))
  );
}

/**
 * HiGHS for the sidebar's browser, as a project file the server hands over when a matching needs an
 * exact finish (Apps Script cannot start HiGHS itself). An HTML file holding one script element, so
 * that HtmlService reads it as it is: the loader, kept out of the page's globals, and the WebAssembly
 * binary gzipped (3.5 MB → 1.2 MB) and base64-encoded.
 */
function highsSolverHtml() {
  const loader = fs.readFileSync(require.resolve('highs'), 'utf8');
  const wasm = zlib.gzipSync(fs.readFileSync(require.resolve('highs/runtime')), { level: 9 }).toString('base64');
  if (/<\/script/i.test(loader)) throw new Error('the HiGHS loader contains </script');
  return [
    '<script>',
    '// HiGHS (MIT License, University of Edinburgh), from the `highs` npm package.',
    `var PeerTutoringHighs = (function () {\n${loader}\n;return Module;\n})();`,
    `var PeerTutoringHighsWasm = "${wasm}";`,
    '</script>',
    '',
  ].join('\n');
}

const appsScript = {
  name: 'apps-script',
  mode: 'production',
  context: __dirname,
  entry: './src/gas/entry-points.ts',
  target: ['web', 'es2019'],
  devtool: false,
  output: { path: path.resolve(__dirname, 'build'), filename: 'Code.js', clean: true },
  resolve: { extensions: ['.ts', '.js'] },
  module: { rules: [typescriptRule] },
  // With these two on, gas-webpack-plugin's entry points end up undefined (see shared/build-notes.md).
  optimization: { usedExports: false, concatenateModules: false, minimize: false },
  performance: { hints: false },
  plugins: [
    new GasPlugin({ autoGlobalExportsFiles: ['./src/gas/entry-points.ts'] }),
    new EmitFilePlugin('Sidebar.html', () => fs.readdirSync(uiDir).map((file) => path.join(uiDir, file)), sidebarHtml),
    new EmitFilePlugin('HighsSolver.html', () => [require.resolve('highs'), require.resolve('highs/runtime')], highsSolverHtml),
    // clasp pushes the manifest from the build folder too.
    new EmitFilePlugin('appsscript.json', () => [manifest], () => fs.readFileSync(manifest)),
  ],
};

const local = {
  name: 'local',
  mode: 'production',
  context: __dirname,
  entry: { cli: './src/local/cli.ts' },
  target: 'node20',
  devtool: 'source-map',
  output: { path: path.resolve(__dirname, 'dist'), filename: '[name].js', clean: true, library: { type: 'commonjs2' } },
  resolve: { extensions: ['.ts', '.js'] },
  module: { rules: [typescriptRule] },
  externals: { 'exceljs/lib/doc/workbook.js': 'commonjs exceljs/lib/doc/workbook.js', 'proper-lockfile': 'commonjs proper-lockfile', highs: 'commonjs highs', yauzl: 'commonjs yauzl', yazl: 'commonjs yazl' },
  optimization: { minimize: false },
  performance: { hints: false },
};

module.exports = [appsScript, local];
