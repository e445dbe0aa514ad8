import { execFileSync, spawnSync } from 'node:child_process';
import { childEnv } from './cli.js';

export const hasTmux = spawnSync('tmux', ['-V']).status === 0;

let sockets = 0;

/**
 * A full-screen program in a tmux server of its own (own socket), so a test never touches a user's sessions.
 * What the program reads comes through a real pty, as at a register: keys typed apart arrive apart, text sent in
 * one `type` or `bytes` call arrives in one write (a scanner's code and Enter).
 */
export class Tmux {
  private readonly socket = `posapp-e2e-${process.pid}-${++sockets}`;
  constructor(private readonly session = 'pos') {}
  private run(...args: string[]): string {
    // A register PC has no CI variable; with CI set, Ink renders only the last frame on exit.
    const env = childEnv();
    delete env.CI;
    delete env.CONTINUOUS_INTEGRATION;
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8', env });
  }
  start(command: string, columns: number, rows: number): void {
    this.run('new-session', '-d', '-s', this.session, '-x', String(columns), '-y', String(rows), command);
  }
  /** Named keys (`F2`, `Escape`, `Enter`), each as the terminal sends it. */
  keys(...keys: string[]): void {
    this.run('send-keys', '-t', this.session, ...keys);
  }
  /** Text in one write to the pty, `\r` for Enter. */
  type(text: string): void {
    this.run('send-keys', '-t', this.session, '-l', text);
  }
  /** Raw bytes in one write (Esc and a scanned code together, as a fast scanner right after Esc gives them). */
  bytes(text: string): void {
    const hex = [...Buffer.from(text, 'utf8')].map((byte) => byte.toString(16).padStart(2, '0'));
    this.run('send-keys', '-t', this.session, '-H', ...hex);
  }
  screen(): string {
    return this.run('capture-pane', '-p', '-t', this.session);
  }
  /** Polls the screen until `ready` holds (or shows the text); fails with what it showed. */
  async waitFor(ready: string | RegExp | ((screen: string) => boolean), timeoutMs = 20_000): Promise<string> {
    const test =
      typeof ready === 'string'
        ? (screen: string) => screen.includes(ready)
        : ready instanceof RegExp
          ? (screen: string) => ready.test(screen)
          : ready;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const screen = this.screen();
      if (test(screen)) return screen;
      if (Date.now() > deadline) throw new Error(`the screen never showed ${String(ready)}:\n${screen}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  kill(): void {
    try {
      this.run('kill-server');
    } catch {
      // already gone
    }
  }
}
