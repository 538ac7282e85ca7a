// The sandbox shop: its offline session, so the embedded pages authenticate without Shopify, and its
// products in Shopify's stand-in, named after what the Instagram stand-in's captions talk about (the
// linen tote in three colours, café au lait glaze, the kiln, the market stall), so tagging posts with
// products has something to find. The catalogue has what a merchant's has: sizes and colours at their own
// prices, a sold-out product, a draft, and one sold only at the market (not on the Online Store).
import { config } from "../config.server";
import { db } from "../db.server";
import { requireSandbox } from "./guard.server";
import { SANDBOX_SHOP } from "./paths";
import { addSandboxProduct } from "./shopify-controls.server";

const sizes = (prefix: string, prices: Record<string, number>, stock = 6) =>
  Object.entries(prices).map(([size, price]) => ({
    selectedOptions: [{ name: "Size", value: size }],
    sku: `${prefix}-${size.toUpperCase().replace(/[^A-Z0-9]/g, "")}`,
    price,
    inventoryQuantity: stock,
  }));

export const SANDBOX_PRODUCTS = [
  {
    title: "Linen Tote",
    tags: ["linen", "tote", "bags", "restock"],
    productType: "Bags",
    image: { altText: "Linen tote bag hanging on the studio door" },
    variants: [
      { selectedOptions: [{ name: "Colour", value: "Natural" }], sku: "TOTE-NAT", price: 39, inventoryQuantity: 12 },
      { selectedOptions: [{ name: "Colour", value: "Charcoal" }], sku: "TOTE-CHA", price: 39, inventoryQuantity: 7 },
      { selectedOptions: [{ name: "Colour", value: "Sage" }], sku: "TOTE-SAG", price: 39, inventoryQuantity: 0 },
    ],
  },
  {
    title: "Café au Lait Mug",
    tags: ["ceramics", "handmade", "glaze", "mug"],
    productType: "Ceramics",
    image: { altText: "Mug in a creamy café au lait glaze" },
    variants: sizes("MUG-CAL", { "8 oz": 28, "12 oz": 32 }),
  },
  {
    title: "Kiln-Fired Stoneware Vase",
    tags: ["ceramics", "handmade", "kiln", "vase"],
    productType: "Ceramics",
    image: { altText: "Tall speckled stoneware vase fresh from the kiln" },
    variants: sizes("VASE-KF", { Small: 45, Medium: 65, Large: 85 }, 3),
  },
  {
    title: "Speckled Espresso Cups (Set of 2)",
    tags: ["ceramics", "handmade", "cups"],
    productType: "Ceramics",
    image: { altText: "Two small speckled espresso cups" },
    variants: [{ sku: "CUP-ESP-2", price: 36, inventoryQuantity: 0 }],
  },
  {
    title: "Naïve Shapes Serving Bowl",
    tags: ["ceramics", "handmade", "bowl", "studio"],
    productType: "Ceramics",
    image: { altText: "Wide hand-shaped serving bowl" },
    variants: [{ sku: "BOWL-NS", price: 58, inventoryQuantity: 5 }],
  },
  {
    title: "Colours of the Season Scarf",
    tags: ["new drop", "colours", "season", "scarf"],
    productType: "Accessories",
    status: "DRAFT",
    image: { altText: "Scarves in the season's colours" },
    variants: ["Rose", "Ochre", "Indigo"].map((colour) => ({
      selectedOptions: [{ name: "Colour", value: colour }],
      sku: `SCARF-${colour.toUpperCase()}`,
      price: 49,
      inventoryQuantity: 8,
    })),
  },
  {
    title: "Weekend Market Seconds Box",
    tags: ["market", "ceramics", "seconds"],
    productType: "Ceramics",
    publishedOnOnlineStore: false,
    image: { altText: "Box of ceramics seconds at the market stall" },
    variants: [{ sku: "MKT-SECONDS", price: 30, inventoryQuantity: 10 }],
  },
];

export async function seedSandboxShop(): Promise<void> {
  requireSandbox();
  const session = {
    id: `offline_${SANDBOX_SHOP}`,
    shop: SANDBOX_SHOP,
    state: "sandbox",
    isOnline: false,
    // What Shopify's stand-in grants at start (its state is in memory): the required scopes, not yet the
    // optional read_products, which the merchant grants from the app (and the app learns by webhook).
    scope: config().SCOPES,
    accessToken: "sandbox-offline-access-token",
  };
  await db().session.upsert({ where: { id: session.id }, create: session, update: session });
  for (const product of SANDBOX_PRODUCTS) await addSandboxProduct(product);
}
