// The graphql-js side of the schema comparison (tests/Leanly.Core.Tests ... SchemaReferenceTests):
//   node schema.mjs print-introspection <file.json>  -> printSchema(buildClientSchema(..)) of {"__schema"} or {"data":{"__schema"}}
//   node schema.mjs print-sdl <file.graphql>         -> printSchema(buildSchema(..))
//   node schema.mjs introspect-sdl <file.graphql>    -> buildSchema(..) answering getIntrospectionQuery with the query's options, as JSON
//   node schema.mjs query | query-legacy             -> getIntrospectionQuery with IntrospectionQuery.Text's / .Legacy's options
//   node schema.mjs builtins                         -> SDL of the specified scalars, directives and introspection types
//   node schema.mjs check-sdl <file.graphql>...      -> per file: null when buildSchema + validateSchema accept it, else the first error
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  buildASTSchema, buildClientSchema, buildSchema, getIntrospectionQuery, GraphQLError, graphqlSync, parse, printIntrospectionSchema,
  printSchema, printType, specifiedScalarTypes, validateSchema,
} from 'graphql';
// Not exported by the package's entry point; the same module instance as the one 'graphql' loads.
import { validateSDL } from './node_modules/graphql/validation/validate.mjs';

const options = { descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true };
const [mode, file, ...more] = process.argv.slice(2);
const read = () => readFileSync(file, 'utf8');

switch (mode) {
  case 'print-introspection': {
    const json = JSON.parse(read());
    process.stdout.write(printSchema(buildClientSchema(json.data ?? json)));
    break;
  }
  case 'print-sdl':
    process.stdout.write(printSchema(buildSchema(read())));
    break;
  case 'introspect-sdl':
    // introspectionFromSchema would add fields of its own defaults (isOneOf, ...): run exactly the product's query.
    process.stdout.write(JSON.stringify(graphqlSync({ schema: buildSchema(read()), source: getIntrospectionQuery(options) }).data, null, 1));
    break;
  case 'query':
    process.stdout.write(getIntrospectionQuery(options));
    break;
  case 'query-legacy':
    process.stdout.write(getIntrospectionQuery({ descriptions: true }));
    break;
  case 'builtins':
    process.stdout.write([...specifiedScalarTypes.map(printType), printIntrospectionSchema(buildSchema('type Query { a: Int }'))].join('\n\n') + '\n');
    break;
  case 'check-sdl': {
    const results = {};
    for (const path of [file, ...more]) {
      let errors;
      try {
        const document = parse(readFileSync(path, 'utf8'));
        errors = validateSDL(document);
        if (errors.length === 0) errors = validateSchema(buildASTSchema(document, { assumeValidSDL: true }));
      } catch (error) {
        if (!(error instanceof GraphQLError)) throw error;
        errors = [error];
      }
      results[basename(path)] = errors.length === 0 ? null : { message: errors[0].message, locations: (errors[0].locations ?? []).map(({ line, column }) => ({ line, column })) };
    }
    process.stdout.write(JSON.stringify(results, null, 1));
    break;
  }
  default:
    console.error('usage: node schema.mjs print-introspection|print-sdl|introspect-sdl <file> | query | query-legacy | builtins | check-sdl <files>');
    process.exit(2);
}
