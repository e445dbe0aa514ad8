import { Command, CommanderError } from 'commander';
import { z } from 'zod';
import { AppError } from '../common/errors.js';
import { isLang } from '../common/i18n/index.js';
import { validationParams } from '../common/validation-text.js';
import { globalOptionsSchema, type GlobalOptions } from './config.js';
import { commanderOutput, reportError } from './output.js';

function flagName(path: PropertyKey[]): string {
  const key = path.map(String).join('.');
  return key ? `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}` : '(options)';
}

/**
 * zod at the CLI's entrance: the first problem becomes VALIDATION_FAILED naming the flag
 * (or `field`, e.g. `<tenantId>` for a positional argument).
 */
export function parseOptions<S extends z.ZodType>(schema: S, value: unknown, field?: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path =
    issue?.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : (issue?.path ?? []);
  // The flag as typed, so the user finds it; the reason in their language, money limits in so'm.
  throw new AppError('VALIDATION_FAILED', {
    params: { field: field ?? flagName(path) },
    localize: (lang) => ({ reason: validationParams(issue, lang).reason }),
  });
}

function rootOf(command: Command): Command {
  let root = command;
  while (root.parent) root = root.parent;
  return root;
}

/** The validated program-level options (`--json`, `--lang`, …) seen from any subcommand. */
export function globalsOf(command: Command): GlobalOptions {
  return parseOptions(globalOptionsSchema, rootOf(command).opts());
}

type Action = (...args: never[]) => Promise<void>;

/**
 * Loads a command module only when its command runs, so `posapp --help` or `posapp devices list`
 * never pulls in Express, Knex or the register's store.
 */
export function lazy<M extends Record<K, Action>, K extends keyof M & string>(
  load: () => Promise<M>,
  name: K,
): (...args: unknown[]) => Promise<void> {
  return async (...args) => {
    const module = await load();
    // Commander passes (args…, options, command); each action declares the shape it expects.
    await (module[name] as unknown as (...a: unknown[]) => Promise<void>)(...args);
  };
}

/** A program with our output and without commander's own process.exit, so every command ends the same way. */
export function newProgram(name: string, description: string): Command {
  return new Command(name)
    .description(description)
    .configureOutput(commanderOutput)
    .exitOverride()
    .showHelpAfterError();
}

export async function runProgram(program: Command, argv: string[]): Promise<void> {
  try {
    await program.parseAsync(argv);
  } catch (error) {
    // Help, version and usage errors: commander has already said what it had to say.
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    // Options may be the very thing that failed validation, so read them leniently here.
    const raw = program.opts();
    process.exitCode = reportError(error, {
      lang: isLang(raw.lang) ? raw.lang : 'uz',
      debug: raw.debug === true,
      json: raw.json === true,
    });
  }
}
