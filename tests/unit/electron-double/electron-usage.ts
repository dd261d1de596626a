/**
 * Two readings for the rules test, both with the TypeScript compiler:
 * which Electron members Caravan's main and preload use (module members and
 * constructors of what they import from 'electron'), and which lifecycle
 * rule, if any, the installed electron.d.ts documents for each member.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import type { Rule } from '../../electron-double/rules.ts';

export const REPO_ROOT = join(import.meta.dirname, '../../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

export interface Use {
  /** `app.enableSandbox`, `BrowserWindow.new`, `session.defaultSession`. */
  member: string;
  where: string;
}

/** Every `<import>.<member>` and `new <Import>()` in src-main and src-preload for names imported from 'electron'. */
export function electronMembersUsed(): Use[] {
  const uses: Use[] = [];
  for (const file of [...sourceFiles(join(REPO_ROOT, 'src-main')), ...sourceFiles(join(REPO_ROOT, 'src-preload'))]) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const imported = new Map<string, string>();
    for (const statement of source.statements) {
      if (!ts.isImportDeclaration(statement) || (statement.moduleSpecifier as ts.StringLiteral).text !== 'electron') continue;
      const bindings = statement.importClause?.namedBindings;
      if (statement.importClause?.isTypeOnly || !bindings || !ts.isNamedImports(bindings)) continue;
      for (const element of bindings.elements) {
        if (!element.isTypeOnly) imported.set(element.name.text, (element.propertyName ?? element.name).text);
      }
    }
    if (imported.size === 0) continue;
    const where = relative(REPO_ROOT, file);
    const visit = (node: ts.Node) => {
      if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && imported.has(node.expression.text)) {
        uses.push({ member: `${imported.get(node.expression.text)}.${node.name.text}`, where });
      }
      if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && imported.has(node.expression.text)) {
        uses.push({ member: `${imported.get(node.expression.text)}.new`, where });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return uses;
}

/** The rule a member's JSDoc states, in the words Electron's typings use for it. */
export function classify(doc: string): Rule | null {
  const text = doc.replace(/\s+/g, ' ');
  if (/can be called safely before/i.test(text)) return null;
  if (/only be (called|used) before (the )?(app is ready|the `ready` event)/i.test(text) || /must be called before the `ready` event/i.test(text)) {
    return /called only once/i.test(text) ? 'before-ready-once' : 'before-ready';
  }
  if (
    /must be called after the `ready` event/i.test(text) ||
    /can only be called after (the )?app is ready/i.test(text) ||
    /cannot be called before the `ready` event/i.test(text) ||
    /can only be called after the `ready` event/i.test(text)
  ) {
    return 'after-ready';
  }
  if (/before (the )?app (has emitted|emits) the `ready` event/i.test(text) || /returns true (if|once) the app has emitted the `ready` event/i.test(text)) {
    return 'answers-differently-before-ready';
  }
  return null;
}

/** Module const name -> its interface or class in electron.d.ts (`const app: App`, `class BrowserWindow`). */
function moduleTypes(source: ts.SourceFile): Map<string, string> {
  const types = new Map<string, string>();
  const visit = (node: ts.Node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.type && ts.isTypeReferenceNode(node.type)) {
      types.set(node.name.text, node.type.typeName.getText(source).replace(/^Electron\./, ''));
    }
    if (ts.isClassDeclaration(node) && node.name) types.set(node.name.text, node.name.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return types;
}

/** `App.enableSandbox` -> its JSDoc text, for every member of every interface and class of the Electron namespace. */
function memberDocs(source: ts.SourceFile): Map<string, string> {
  const docs = new Map<string, string>();
  const namespace = source.statements.find((s): s is ts.ModuleDeclaration => ts.isModuleDeclaration(s) && s.name.text === 'Electron');
  const body = namespace?.body;
  if (!body || !ts.isModuleBlock(body)) throw new Error('electron.d.ts: no Electron namespace');
  for (const declaration of body.statements) {
    if (!(ts.isInterfaceDeclaration(declaration) || ts.isClassDeclaration(declaration)) || !declaration.name) continue;
    for (const member of declaration.members) {
      if (!member.name) continue;
      const name = ts.isConstructorDeclaration(member) ? 'new' : member.name.getText(source);
      const text = ts
        .getJSDocCommentsAndTags(member)
        .map((doc) => (typeof doc.comment === 'string' ? doc.comment : (doc.comment ?? []).map((part) => part.getText(source)).join('')))
        .join(' ');
      const key = `${declaration.name.text}.${name}`;
      docs.set(key, `${docs.get(key) ?? ''} ${text}`);
    }
  }
  return docs;
}

/** The rule electron.d.ts documents for `module.member` (as Caravan names it), or null. */
export function documentedRules(): (member: string) => { rule: Rule; doc: string } | null {
  const path = join(REPO_ROOT, 'node_modules/electron/electron.d.ts');
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const types = moduleTypes(source);
  const docs = memberDocs(source);
  return (member) => {
    const [moduleName, memberName] = member.split('.') as [string, string];
    const type = types.get(moduleName) ?? moduleName;
    const doc = docs.get(`${type}.${memberName}`) ?? '';
    const rule = classify(doc);
    return rule ? { rule, doc: doc.trim() } : null;
  };
}
