/** A service's environment it cannot start with: every bad or missing variable, one line each. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }

  /** The issues of a failed zod parse of the environment, named by variable. */
  static fromIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): ConfigError {
    return new ConfigError(
      issues.map((issue) => `${issue.path.map(String).join('.') || '(env)'}: ${issue.message}`),
    );
  }
}
