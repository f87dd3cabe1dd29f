// The shape of a platform-neutral command definition. Discord registration, the Slack manifest, help text and the
// console all read these; nothing else defines a command's name, options or who may run it.

export type OptionType = 'string' | 'integer' | 'boolean';

export interface OptionDefinition {
  name: string;
  description: string;
  type: OptionType;
  required?: boolean;
  /** Strings: maximum length, enforced by the core (and by Discord, where it is at most 6000). */
  maxLength?: number;
  minValue?: number;
  maxValue?: number;
  choices?: readonly { name: string; value: string }[];
  /** The platform asks the core for suggestions while the user types. */
  autocomplete?: boolean;
  /** Typed commands set it only as name:value (buttons set it directly), so free text before it stays whole. */
  namedOnly?: boolean;
}

/**
 * A command whose answer is a form that only comes after slow work (reading an article): longer than some platforms
 * let a form wait (a Slack trigger id lives 3 s). Such an adapter opens a placeholder form at once, with this title
 * and waiting line, and fills it in with the answer. Adapters read this instead of knowing command names.
 */
export interface FormFirst {
  title: string;
  waiting: string;
}

export interface SubcommandDefinition {
  name: string;
  description: string;
  options?: readonly OptionDefinition[];
  opensForm?: FormFirst;
  /** Internal steps (form submissions, button presses): routed by the core, never registered or listed in help. */
  hidden?: boolean;
}

export interface CommandDefinition {
  name: string;
  description: string;
  /** Only admins (configured users, or Discord roles/Manage Server) may run it; the core checks at the moment of the write. */
  admin: boolean;
  options?: readonly OptionDefinition[];
  subcommands?: readonly SubcommandDefinition[];
  opensForm?: FormFirst;
  /** Example invocations, shown in help. */
  examples?: readonly string[];
}
