import * as fs from 'node:fs';
import * as path from 'node:path';
import { withRulesReference } from '../lib/views/rules-reference';

// Regenerates the README's rules reference from the rules' metadata (npm run docs).
const readmePath = path.resolve(__dirname, '../../README.md');
fs.writeFileSync(readmePath, withRulesReference(fs.readFileSync(readmePath, 'utf8')));
