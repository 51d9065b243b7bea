// vscode.l10n.t as it answers under zh-cn, for unit tests of Localizable words: the message's string in
// the real bundle (l10n/bundle.l10n.zh-cn.json), its {n} places filled, any other brace kept.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { untranslated, type Translate } from '../../../src/core/l10n/localizable';
import { repoRoot } from '../repoRoot';

const bundle = JSON.parse(readFileSync(path.join(repoRoot(), 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;

export const zh: Translate = (message, ...args) => untranslated(bundle[message] ?? message, ...args);
