// The graphql-js side of the validation comparison (tests/Leanly.Core.Tests ... QueryValidatorCorpusTests):
//   node validate.mjs introspect <schema.graphql>          -> introspection JSON of the SDL schema
//   node validate.mjs validate <schema.graphql> <doc>...   -> per document: syntax error or errors and warnings by rule
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { buildSchema, introspectionFromSchema, parse, validate, specifiedRules, NoDeprecatedCustomRule, GraphQLError } from 'graphql';

const [mode, schemaFile, ...documents] = process.argv.slice(2);
const schema = buildSchema(readFileSync(schemaFile, 'utf8'));
const ruleName = (rule) => rule.name.replace(/Rule$/, '').replace(/CustomRule$/, '').replace(/Custom$/, '');
const problem = (rule, error) => ({ rule, message: error.message, locations: (error.locations ?? []).map(({ line, column }) => ({ line, column })) });

if (mode === 'introspect') {
  process.stdout.write(JSON.stringify(introspectionFromSchema(schema, { descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true })));
} else if (mode === 'validate') {
  const results = {};
  for (const file of documents) {
    const source = readFileSync(file, 'utf8');
    let document;
    try {
      document = parse(source);
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      results[basename(file)] = { errors: [problem('Syntax', error)], warnings: [] };
      continue;
    }
    // validate() does not say which rule found an error: ask each rule alone, then order as the full run orders.
    const byMessage = new Map();
    for (const rule of specifiedRules) {
      for (const error of validate(schema, document, [rule])) byMessage.set(error.message, ruleName(rule));
    }
    const errors = validate(schema, document).map((error) => problem(byMessage.get(error.message) ?? 'Unknown', error));
    const warnings = validate(schema, document, [NoDeprecatedCustomRule]).map((error) => problem('NoDeprecated', error));
    results[basename(file)] = { errors, warnings };
  }
  process.stdout.write(JSON.stringify(results, null, 1));
} else {
  console.error('usage: node validate.mjs introspect|validate <schema.graphql> [documents...]');
  process.exit(2);
}
