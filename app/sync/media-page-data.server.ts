// Everything the Media Sources page shows, in one call: the shop's sources (each with the live feeds that
// show it), and for the chosen one a page of its posts (each marked whether some feed shows it, and how
// many of them do), the products tagged on those posts, and its recent runs.
import type { PostTagView } from "../products/tag-input";
import { tagsOfPosts } from "../products/tags.server";
import { listPosts, type PostsPage } from "./curation.server";
import { recentRuns, type RunView } from "./run-records.server";
import { listSources, type SourceView } from "./sources.server";

export interface MediaPageData {
  sources: SourceView[];
  selectedId: string | null;
  posts: PostsPage | null;
  /** The products on this page's posts only, by post id (a post without any has no entry). */
  productTags: Record<string, PostTagView[]>;
  history: RunView[];
}

export async function mediaPage(
  shop: string,
  options: { sourceId?: string | null; page?: number } = {},
): Promise<MediaPageData> {
  const sources = await listSources(shop);
  const selected = sources.find((source) => source.id === options.sourceId) ?? sources[0];
  if (!selected) return { sources, selectedId: null, posts: null, productTags: {}, history: [] };
  const [posts, history] = await Promise.all([
    listPosts(shop, selected.id, options.page ?? 1),
    recentRuns(selected.id),
  ]);
  const productTags = await tagsOfPosts(shop, posts?.posts.map((post) => post.id) ?? []);
  return { sources, selectedId: selected.id, posts, productTags, history };
}
