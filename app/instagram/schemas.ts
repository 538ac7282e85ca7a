// The replies we accept from Instagram. Meta documents one shape and serves another for the token
// exchange and /me (documented: {"data":[{…}]}, observed: a flat object), so both are accepted.
import { z } from "zod";

/** Instagram ids stay strings, whether sent as strings or as (possibly huge) numbers. */
export const InstagramId = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).transform(String);

/** Accepts `{ data: [x] }` as well as `x`. */
export function unwrapData<T extends z.ZodType>(item: T) {
  const wrapped = z.object({ data: z.array(item).min(1) }).transform((reply): z.output<T> => reply.data[0]!);
  return z.union([wrapped, item]);
}

export const ShortLivedTokenReply = unwrapData(
  z.object({ access_token: z.string().min(1), user_id: InstagramId }).loose(),
);

export const LongLivedTokenReply = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().int().positive(),
});

export const ProfileReply = unwrapData(
  z
    .object({
      id: InstagramId.optional(),
      user_id: InstagramId,
      username: z.string().min(1),
      account_type: z.string().optional(),
      profile_picture_url: z.string().optional(),
      name: z.string().optional(),
    })
    .loose(),
);

export const TokenCheckReply = unwrapData(z.object({ id: InstagramId }).loose());

/** One page of an edge such as /me/media: the items stay unvalidated here, so one malformed post never fails a page. */
export const MediaPageReply = z.object({
  data: z.array(z.unknown()),
  paging: z.object({ next: z.string().optional() }).loose().optional(),
});

/** A post (or an album child) as Instagram describes it; inapplicable fields are omitted, never null. */
export const MediaNode = z
  .object({
    id: InstagramId,
    caption: z.string().nullish(),
    media_type: z.string().optional(),
    media_product_type: z.string().nullish(),
    media_url: z.string().nullish(),
    thumbnail_url: z.string().nullish(),
    permalink: z.string().nullish(),
    timestamp: z.string().optional(),
    children: z
      .object({ data: z.array(z.unknown()) })
      .loose()
      .nullish(),
  })
  .loose();

export const GraphErrorReply = z.object({
  error: z
    .object({
      message: z.string().optional(),
      code: z.number().optional(),
      error_subcode: z.number().optional(),
      is_transient: z.boolean().optional(),
    })
    .loose(),
});

/** The token endpoint on api.instagram.com answers errors in its own, flat envelope. */
export const OAuthErrorReply = z.object({
  error_type: z.string().optional(),
  code: z.number().optional(),
  error_message: z.string(),
});
