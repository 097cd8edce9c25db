// The built Apps Script bundle (build/Code.js, from `npm run build`) loads and runs where only the Apps
// Script services exist, and has the shape Apps Script needs: entry points as top-level functions.
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'acorn';
import { createAppsScriptFakes, menuFunctionNames } from '../fakes/apps-script';
import { BUNDLE_PATH, entryPoint, loadBundle, readBundle } from '../support/load-bundle';

interface AstNode {
  type: string;
  [key: string]: unknown;
}

function isNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && typeof (value as AstNode).type === 'string';
}

/** Every node of the tree, depth first. */
function* walk(node: AstNode): Generator<AstNode> {
  yield node;
  for (const value of Object.values(node)) {
    for (const child of Array.isArray(value) ? value : [value]) if (isNode(child)) yield* walk(child);
  }
}

const program = () => parse(readBundle(), { ecmaVersion: 2020, sourceType: 'script' }) as unknown as AstNode & { body: AstNode[] };

function topLevelFunctionNames(): string[] {
  return program()
    .body.filter((node) => node.type === 'FunctionDeclaration')
    .map((node) => (node.id as { name: string }).name);
}

/** The names the source exports from src/gas/entry-points.ts: what Apps Script must find. */
function sourceEntryPoints(): string[] {
  const source = fs.readFileSync(path.resolve(__dirname, '../../src/gas/entry-points.ts'), 'utf8');
  return [...source.matchAll(/^export\s+(?:async\s+)?(?:function|const|let)\s+([A-Za-z_$][\w$]*)/gm)].map((match) => match[1]);
}

describe('build/Code.js', () => {
  it('loads with only the Apps Script services as globals, and onOpen builds an add-on menu of existing functions', () => {
    const fakes = createAppsScriptFakes();
    const context = loadBundle(fakes);
    entryPoint(context, 'onOpen')({ authMode: 'NONE', source: fakes.spreadsheet });
    const addonMenus = fakes.ui.menus.filter((menu) => menu.caption === null);
    expect(addonMenus).toHaveLength(1);
    const functionNames = menuFunctionNames(addonMenus[0]);
    expect(functionNames.length).toBeGreaterThan(0);
    const topLevel = topLevelFunctionNames();
    for (const name of functionNames) {
      expect({ name, topLevel: topLevel.includes(name) }).toEqual({ name, topLevel: true });
      expect({ name, type: typeof context[name] }).toEqual({ name, type: 'function' });
    }
  });

  it('is a classic script without modules, Node globals or timers', () => {
    const forbidden: string[] = [];
    for (const node of walk(program())) {
      if (node.type === 'ImportExpression') forbidden.push('import()');
      if (node.type === 'MetaProperty') forbidden.push('import.meta');
      if (node.type === 'CallExpression' && (node.callee as AstNode).type === 'Identifier' && (node.callee as { name: string }).name === 'require') {
        forbidden.push('require(');
      }
      if (node.type === 'MemberExpression' && (node.object as { name?: string }).name === 'process') forbidden.push('process.');
      if (node.type === 'Identifier' && ['setTimeout', 'setInterval', 'setImmediate'].includes(node.name as string)) {
        forbidden.push(node.name as string);
      }
    }
    expect([...new Set(forbidden)]).toEqual([]);
  });

  it('declares every entry point of src/gas/entry-points.ts as a top-level function that is set at load', () => {
    const entryPoints = sourceEntryPoints();
    expect(entryPoints).toContain('onOpen');
    const topLevel = topLevelFunctionNames();
    expect(entryPoints.filter((name) => !topLevel.includes(name))).toEqual([]);
    // A mis-configured webpack leaves the globals undefined yet reports success (shared/build-notes.md).
    const context = loadBundle(createAppsScriptFakes());
    expect(entryPoints.filter((name) => typeof context[name] !== 'function')).toEqual([]);
  });

  it('fails with a clear message when the bundle has not been built', () => {
    expect(() => readBundle(path.join(path.dirname(BUNDLE_PATH), 'Missing.js'))).toThrow('run npm run build');
  });
});
