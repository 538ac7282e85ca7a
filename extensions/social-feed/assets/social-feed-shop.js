/* Social Feed: shopping in the Instagram feed's lightbox. Loaded by social-feed.js the first time a post
   with products is opened, never before, so a feed without products costs nothing more. The block renders
   every product card once (snippets/sf-products.liquid, live prices and availability from Liquid); this
   shows the open post's cards, in its tagging order, and adds to the cart with Shopify's Ajax Cart API.
   After adding it announces the result in the list's polite live region (with a link to the cart) and
   tells the theme, for themes that refresh their cart count or drawer on an event:
   `cart:update` (Horizon), `cart:refresh` and `cart:updated` (many others), with the cart as detail.
   For the app's web pixel it publishes View product clicks and adds (the feed's, post's, product's and
   variant's ids only). */
(() => {
	const ready = new WeakSet();

	const fill = (template, product) => (template || "").replace("%p", product);

	function notify(cart, variantId) {
		const detail = {
			resource: cart,
			cart,
			sourceId: "social-feed",
			data: { source: "social-feed", itemCount: cart.item_count, variantId },
		};
		for (const name of ["cart:update", "cart:refresh", "cart:updated"])
			document.documentElement.dispatchEvent(new CustomEvent(name, { bubbles: true, detail }));
	}

	function setup(shop) {
		const status = shop.querySelector("[data-sf-cart]");
		const say = (text, withCartLink) => {
			status.textContent = text;
			if (!withCartLink) return;
			const link = document.createElement("a");
			link.href = status.dataset.sfCartUrl;
			link.textContent = status.dataset.sfViewCart;
			status.append(" ", link);
		};

		shop.addEventListener("click", (event) => {
			const card = event.target.closest(".sf-prod__view") && event.target.closest("[data-sf-product]");
			if (card) shop.sfEvent("product_click", { product: card.dataset.sfProduct });
		});

		shop.addEventListener("submit", async (event) => {
			const form = event.target;
			const button = form.querySelector("button");
			event.preventDefault();
			// Busy, not disabled: a disabled button would lose the keyboard focus out of the dialog.
			if (button.getAttribute("aria-disabled") === "true") return;
			const routes = window.Shopify && window.Shopify.routes;
			const root = (routes && routes.root) || "/";
			const product = form.dataset.sfTitle;
			const publish = shop.sfEvent; // for the post open now, not when the answer comes
			const body = new URLSearchParams(new FormData(form));
			button.setAttribute("aria-disabled", "true");
			say(status.dataset.sfAdding);
			// Shopify's own words when it refuses (localized, e.g. a variant sold out since the page was rendered).
			let refusal = "";
			try {
				const added = await fetch(root + "cart/add.js", {
					method: "POST",
					headers: { Accept: "application/json", "X-Requested-With": "XMLHttpRequest" },
					body,
				});
				const reply = await added.json();
				if (!added.ok) {
					refusal = reply.description || reply.message;
					throw new Error(refusal);
				}
				const cart = await (await fetch(root + "cart.js", { headers: { Accept: "application/json" } })).json();
				say(fill(status.dataset.sfAdded, product), true);
				notify(cart, +body.get("id"));
				publish("add_to_cart", {
					product: form.closest("[data-sf-product]").dataset.sfProduct,
					variant: body.get("id"),
				});
			} catch {
				say(refusal || fill(status.dataset.sfFailed, product));
			} finally {
				button.removeAttribute("aria-disabled");
			}
		});
	}

	/* Shows the cards of the open post's products (its `tile`'s data-sf-products: ids separated by spaces,
	   in the post's order) in `dialog`'s list; `publish` sends the block's customer events. */
	window.socialFeedShop = (dialog, tile, publish) => {
		const shop = dialog.querySelector("[data-sf-shop]");
		if (!shop) return;
		const ids = tile.dataset.sfProducts;
		const post = { feed: tile.closest("[data-sf]").dataset.sfFeed, post: tile.dataset.sfId };
		shop.sfEvent = (name, data) => publish(name, { ...post, ...data });
		if (!ready.has(shop)) {
			ready.add(shop);
			setup(shop);
		}
		const list = shop.querySelector(".sf-shop__list");
		const wanted = (ids || "").split(" ").filter(Boolean);
		for (const card of list.children) card.hidden = true;
		let shown = 0;
		for (const id of wanted) {
			const card = list.querySelector('[data-sf-product="' + id + '"]');
			if (!card) continue;
			list.append(card);
			card.hidden = false;
			shown++;
		}
		shop.hidden = !shown;
		shop.querySelector("[data-sf-cart]").textContent = "";
	};
})();
