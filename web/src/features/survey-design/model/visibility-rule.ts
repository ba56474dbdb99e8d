/** A simple skip-logic rule the designer can edit without writing expressions. */
export type VisibilityRule =
  | { kind: 'always' }
  | { kind: 'equals' | 'notEquals' | 'includes'; question: string; value: string }
  | { kind: 'answered'; question: string }
  | { kind: 'advanced'; expression: string };

const quote = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

export function ruleToExpression(rule: VisibilityRule): string | undefined {
  switch (rule.kind) {
    case 'always':
      return undefined;
    case 'equals':
      return `{${rule.question}} = ${quote(rule.value)}`;
    case 'notEquals':
      return `{${rule.question}} != ${quote(rule.value)}`;
    case 'includes':
      return `{${rule.question}} anyof [${quote(rule.value)}]`;
    case 'answered':
      return `{${rule.question}} notempty`;
    case 'advanced':
      return rule.expression.trim() || undefined;
  }
}

export function expressionToRule(expression: string | undefined): VisibilityRule {
  if (!expression || expression.trim() === '') return { kind: 'always' };
  const value = "'((?:[^'\\\\]|\\\\.)*)'";
  let match = new RegExp(`^\\{(\\w+)\\}\\s*=\\s*${value}$`).exec(expression.trim());
  if (match) return { kind: 'equals', question: match[1] as string, value: (match[2] as string).replace(/\\(.)/g, '$1') };
  match = new RegExp(`^\\{(\\w+)\\}\\s*!=\\s*${value}$`).exec(expression.trim());
  if (match) return { kind: 'notEquals', question: match[1] as string, value: (match[2] as string).replace(/\\(.)/g, '$1') };
  match = new RegExp(`^\\{(\\w+)\\}\\s*anyof\\s*\\[\\s*${value}\\s*\\]$`).exec(expression.trim());
  if (match) return { kind: 'includes', question: match[1] as string, value: (match[2] as string).replace(/\\(.)/g, '$1') };
  match = /^\{(\w+)\}\s*notempty$/.exec(expression.trim());
  if (match) return { kind: 'answered', question: match[1] as string };
  return { kind: 'advanced', expression };
}
