/**
 * Node entry point of the bundle CLI (bundle-cli-core.ts has the commands, `--help` the usage):
 *
 *   npm run bundle -- inspect|verify|decrypt FILE [options]
 *
 * Node 24 runs it directly (type stripping), like the bench.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { type CliIo, runCli } from './bundle-cli-core.ts';

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) {
    // On a terminal, one line; the passphrase is visible as typed, so prefer the environment variable or a pipe.
    process.stderr.write('Passphrase (visible as you type; Enter to finish): ');
    const lines = createInterface({ input: process.stdin });
    for await (const line of lines) {
      lines.close();
      return line;
    }
    return '';
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const io: CliIo = {
  readFile: async (path) => new Uint8Array(await readFile(path)),
  writeFile: (path, data) => writeFile(path, data),
  readStdin,
  env: process.env,
  stdout: (data) => process.stdout.write(data),
  stderr: (text) => process.stderr.write(text),
};

process.exitCode = await runCli(process.argv.slice(2), io);
