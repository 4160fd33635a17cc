namespace Leanly.Introspection;

/// <summary>
/// The introspection queries, byte for byte as graphql-js 17.1.0 getIntrospectionQuery writes them, so a server's
/// query allow-list or cache that knows the reference client knows these too.
/// </summary>
public static class IntrospectionQuery
{
    /// <summary>getIntrospectionQuery({ descriptions, specifiedByUrl, directiveIsRepeatable, schemaDescription, inputValueDeprecation }).</summary>
    public static string Text { get; } = Build(modern: true);

    /// <summary>getIntrospectionQuery({ descriptions }): for a server that rejects a newer argument or field (includeDeprecated on arguments, specifiedByURL, isRepeatable, the schema description).</summary>
    public static string Legacy { get; } = Build(modern: false);

    // graphql-js's template, with its blank lines where an option is off.
    private static string Build(bool modern)
    {
        var includeDeprecated = modern ? "(includeDeprecated: true)" : string.Empty;
        return
            "\n" +
            "    query IntrospectionQuery {\n" +
            "      __schema {\n" +
            "        " + (modern ? "description" : string.Empty) + "\n" +
            "        queryType { name kind }\n" +
            "        mutationType { name kind }\n" +
            "        subscriptionType { name kind }\n" +
            "        types {\n" +
            "          ...FullType\n" +
            "        }\n" +
            "        directives {\n" +
            "          name\n" +
            "          description\n" +
            "          " + (modern ? "isRepeatable" : string.Empty) + "\n" +
            "          \n" +
            "          \n" +
            "          locations\n" +
            "          args" + includeDeprecated + " {\n" +
            "            ...InputValue\n" +
            "          }\n" +
            "        }\n" +
            "      }\n" +
            "    }\n" +
            "\n" +
            "    fragment FullType on __Type {\n" +
            "      kind\n" +
            "      name\n" +
            "      description\n" +
            "      " + (modern ? "specifiedByURL" : string.Empty) + "\n" +
            "      \n" +
            "      fields(includeDeprecated: true) {\n" +
            "        name\n" +
            "        description\n" +
            "        args" + includeDeprecated + " {\n" +
            "          ...InputValue\n" +
            "        }\n" +
            "        type {\n" +
            "          ...TypeRef\n" +
            "        }\n" +
            "        isDeprecated\n" +
            "        deprecationReason\n" +
            "      }\n" +
            "      inputFields" + includeDeprecated + " {\n" +
            "        ...InputValue\n" +
            "      }\n" +
            "      interfaces {\n" +
            "        ...TypeRef\n" +
            "      }\n" +
            "      enumValues(includeDeprecated: true) {\n" +
            "        name\n" +
            "        description\n" +
            "        isDeprecated\n" +
            "        deprecationReason\n" +
            "      }\n" +
            "      possibleTypes {\n" +
            "        ...TypeRef\n" +
            "      }\n" +
            "    }\n" +
            "\n" +
            "    fragment InputValue on __InputValue {\n" +
            "      name\n" +
            "      description\n" +
            "      type { ...TypeRef }\n" +
            "      defaultValue\n" +
            "      " + (modern ? "isDeprecated" : string.Empty) + "\n" +
            "      " + (modern ? "deprecationReason" : string.Empty) + "\n" +
            "    }\n" +
            "\n" +
            "    fragment TypeRef on __Type {\n" +
            "      kind\n" +
            "      name\n" +
            "      ofType {\n" +
            "        name\n" +
            "        kind\n" +
            "        ofType {\n" +
            "          name\n" +
            "          kind\n" +
            "          ofType {\n" +
            "            name\n" +
            "            kind\n" +
            "            ofType {\n" +
            "              name\n" +
            "              kind\n" +
            "              ofType {\n" +
            "                name\n" +
            "                kind\n" +
            "                ofType {\n" +
            "                  name\n" +
            "                  kind\n" +
            "                  ofType {\n" +
            "                    name\n" +
            "                    kind\n" +
            "                    ofType {\n" +
            "                      name\n" +
            "                      kind\n" +
            "                      ofType {\n" +
            "                        name\n" +
            "                        kind\n" +
            "                      }\n" +
            "                    }\n" +
            "                  }\n" +
            "                }\n" +
            "              }\n" +
            "            }\n" +
            "          }\n" +
            "        }\n" +
            "      }\n" +
            "    }\n" +
            "  ";
    }
}
