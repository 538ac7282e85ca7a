// The storefront block's own layout CSS, for the editor's preview. The block carries it inline
// (extensions/social-feed/snippets/sf-style.liquid: plain CSS in a <style>, so a storefront paints without
// waiting for a stylesheet); its stylesheet (assets/social-feed.css: hover, captions) is linked by the
// editor routes. Read from the extension's files at build time: the preview can't drift from the block.
import layoutSnippet from "../../../extensions/social-feed/snippets/sf-style.liquid?raw";

export const BLOCK_LAYOUT_CSS = /<style>([\s\S]*?)<\/style>/.exec(layoutSnippet)?.[1]?.trim() ?? "";
