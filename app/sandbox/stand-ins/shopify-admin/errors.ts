// Shopify's Admin API runs on graphql-ruby, so the fake says what graphql-js finds in Shopify's words and
// codes: `{"errors":[{"message","locations","path","extensions":{"code"}}]}` with HTTP 200 and no data.
import { GraphQLError, type GraphQLFormattedError } from "graphql";

export interface ShopifyError {
  message: string;
  locations?: Array<{ line: number; column: number }>;
  path?: Array<string | number>;
  extensions: { code: string } & Record<string, unknown>;
}

type Translation = (match: RegExpExecArray) => { message: string; code: string };

/** graphql-js's validation messages, and what graphql-ruby (so Shopify) answers for the same mistake. */
const TRANSLATIONS: Array<[RegExp, Translation]> = [
  [
    /^Cannot query field "([^"]+)" on type "([^"]+)"/,
    (m) => ({ message: `Field '${m[1]}' doesn't exist on type '${m[2]}'`, code: "undefinedField" }),
  ],
  [
    /^Unknown argument "([^"]+)" on field "[^".]+\.([^"]+)"/,
    (m) => ({ message: `Field '${m[2]}' doesn't accept argument '${m[1]}'`, code: "argumentNotAccepted" }),
  ],
  [
    /^Field "([^"]+)" argument "([^"]+)" of type "[^"]+" is required/,
    (m) => ({ message: `Field '${m[1]}' is missing required arguments: ${m[2]}`, code: "missingRequiredArguments" }),
  ],
  [
    /^Variable "\$([^"]+)" of type "([^"]+)" used in position expecting type "([^"]+)"/,
    (m) => ({
      message: `Type mismatch on variable $${m[1]} and argument (${m[2]} / ${m[3]})`,
      code: "variableMismatch",
    }),
  ],
  [
    /^Variable "\$([^"]+)" (got invalid value|of required type|of non-null type)/,
    (m) => ({ message: `Variable $${m[1]} was provided invalid value: ${m.input}`, code: "INVALID_VARIABLE" }),
  ],
  [
    /cannot represent|Expected value of type|Enum ".+" cannot/,
    (m) => ({ message: m.input, code: "argumentLiteralsIncompatible" }),
  ],
  [
    /^Unknown type "([^"]+)"/,
    (m) => ({ message: `No such type ${m[1]}, so it can't be a fragment condition`, code: "undefinedType" }),
  ],
  [/^Syntax Error/, (m) => ({ message: m.input, code: "parseError" })],
];

export function shopifyError(error: GraphQLFormattedError | GraphQLError): ShopifyError {
  const formatted = error instanceof GraphQLError ? error.toJSON() : error;
  const own = formatted.extensions?.code;
  const translated =
    typeof own === "string"
      ? { message: formatted.message, code: own }
      : (TRANSLATIONS.map(([pattern, translate]) => {
          const match = pattern.exec(formatted.message);
          return match && translate(match);
        }).find(Boolean) ?? { message: formatted.message, code: "INTERNAL_SERVER_ERROR" });
  return {
    message: translated.message,
    ...(formatted.locations && { locations: [...formatted.locations] }),
    ...(formatted.path && { path: [...formatted.path] }),
    extensions: { ...formatted.extensions, code: translated.code },
  };
}

/** What Shopify answers when the app asks for products without the scope that shows them. */
export function accessDenied(field: string, scope = "read_products"): GraphQLError {
  return new GraphQLError(`Access denied for ${field} field. Required access: \`${scope}\` access scope.`, {
    extensions: {
      code: "ACCESS_DENIED",
      documentation: "https://shopify.dev/api/usage/access-scopes",
      requiredAccess: `\`${scope}\` access scope.`,
    },
  });
}
