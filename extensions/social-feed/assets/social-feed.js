/* Social Feed: the lightbox, the slider buttons and the later tiles' images of the Instagram feed block.
   Deferred, no framework. Without JavaScript every tile is a server-rendered link to Instagram. */
(() => {
	if (window.socialFeedLoaded) return;
	window.socialFeedLoaded = true;

	const widthUrl = (url, width) => url + (url.includes("?") ? "&" : "?") + "width=" + width;
	// https, or the page's own scheme (never weaker): a local preview is http.
	const isSafeUrl = (url) =>
		typeof url === "string" && (/^https:\/\//i.test(url) || url.startsWith(location.protocol + "//"));
	const fill = (template, current, total) => (template || "").replace("%c", current).replace("%t", total);
	const rtl = (el) => getComputedStyle(el).direction === "rtl";
	// Customer events for the app's web pixel (absent outside Shopify): ids only.
	const publish = (name, data) => window.Shopify?.analytics?.publish("social_feed:" + name, data);
	// social-feed-shop.js (a post's products, in the lightbox): loaded when a post with any first opens.
	let shop;
	const shopFor = (dialog, tile) => {
		if (!tile.dataset.sfProducts && !shop) return;
		shop ||= new Promise((onload, onerror) => {
			document.head.append(
				Object.assign(document.createElement("script"), { src: dialog.dataset.sfShopJs, onload, onerror }),
			);
		});
		shop.then(
			() => window.socialFeedShop(dialog, tile, publish),
			() => (shop = null),
		); // after a failure: at the next post
	};
	// Images after the first row wait for the page's load event (see the block).
	const show = (img) => {
		if (!img.src) {
			img.srcset = img.dataset.sfSrcset;
			img.src = img.dataset.sfSrc;
		}
		return img;
	};

	/* Slider: scroll-snap does the work; the buttons page by one visible width. */
	function slider(root) {
		const list = root.querySelector(".sf-list");
		const prev = root.querySelector("[data-sf-prev]");
		const next = root.querySelector("[data-sf-next]");
		if (!list || !prev || !next) return;
		const update = () => {
			const x = Math.abs(list.scrollLeft);
			const overflow = list.scrollWidth - list.clientWidth > 2;
			prev.hidden = next.hidden = !overflow;
			prev.setAttribute("aria-disabled", String(x < 2));
			next.setAttribute("aria-disabled", String(x > list.scrollWidth - list.clientWidth - 2));
		};
		const page = (direction) => list.scrollBy({ left: direction * (rtl(list) ? -1 : 1) * list.clientWidth });
		prev.addEventListener("click", () => page(-1));
		next.addEventListener("click", () => page(1));
		list.addEventListener("scroll", update, { passive: true });
		window.addEventListener("resize", update);
		update();
	}

	/* Lightbox: a modal <dialog> (focus moves in, is trapped, and returns to the tile on close). */
	function lightbox(root, dialog) {
		const tiles = Array.from(root.querySelectorAll(".sf-tile"));
		const [panel, media, play, watch, dots, caption, view, status] = "panel media play watch dots caption view status"
			.split(" ")
			.map((name) => dialog.querySelector(`[data-sf-${name}]`));
		// An account line each; a tile names its post's (data-sf-account), else the first.
		const accounts = Array.from(dialog.querySelectorAll(".sf-lb__account"));
		const image = new Image();
		image.decoding = "async";
		media.prepend(image);
		let post = 0;
		let slide = 0;
		let slides = [];
		let opener;
		let video;
		let wanted = "";

		// A tile's image may be cropped (&height=…&crop=center); the lightbox shows it whole.
		const uncropped = (url) => url.replace(/&height=\d+&crop=center$/, "");
		// The slides of a post: its carousel children, or the post itself (largest srcset candidate).
		const slidesOf = (tile) => {
			const data = tile.dataset;
			let children;
			try {
				children = JSON.parse(data.sfSlides || "[]");
			} catch {
				children = [];
			}
			children = children
				.filter((child) => isSafeUrl(child?.image?.url))
				.map((child) => ({
					src: widthUrl(child.image.url, Math.min(1080, child.image.width || 1080)),
					width: child.image.width,
					height: child.image.height,
					isVideo: child.type === "VIDEO",
					video: child.video && isSafeUrl(child.video.url) ? child.video.url : "",
				}));
			if (children.length) return children;
			const cover = show(tile.querySelector("img"));
			const largest = cover.srcset.split(", ").pop().split(" ")[0];
			return [
				{
					src: uncropped(largest || cover.src),
					width: +cover.getAttribute("width"),
					height: +cover.getAttribute("height"),
					isVideo: "sfVideo" in data,
					video: isSafeUrl(data.sfVideo) ? data.sfVideo : "",
				},
			];
		};

		const stopVideo = () => {
			video?.remove();
			video = null;
			image.hidden = false;
		};

		const render = () => {
			const tile = tiles[post];
			const current = slides[slide];
			const cover = tile.querySelector("img");
			stopVideo();
			media.style.setProperty("--sf-r", current.width && current.height ? current.width / current.height : 1);
			// The tile's image at once (loaded, unless cut to the tile), then the large one once decoded.
			const preview = slide === 0 && uncropped(cover.currentSrc) === cover.currentSrc && cover.currentSrc;
			const src = (wanted = current.src);
			image.src = preview || src;
			if (preview && preview !== src) {
				const full = new Image();
				full.src = src;
				full.decode().then(
					() => {
						if (wanted === src) image.src = src;
					},
					() => {},
				);
			}
			image.alt = cover.alt;
			const account = accounts[tile.dataset.sfAccount] || accounts[0];
			for (const line of accounts) line.hidden = line !== account;
			caption.textContent = tile.querySelector(".sf-caption")?.textContent || "";
			shopFor(dialog, tile);
			view.href = watch.href = tile.href;
			play.hidden = !(current.isVideo && current.video);
			watch.hidden = !(current.isVideo && !current.video);
			dots.innerHTML =
				slides.length > 1 ? slides.map((_, i) => (i === slide ? '<i class="on"></i>' : "<i></i>")).join("") : "";
			status.textContent =
				fill(dialog.dataset.sfPost, post + 1, tiles.length) +
				(slides.length > 1 ? ", " + fill(dialog.dataset.sfSlide, slide + 1, slides.length) : "");
			// Keep focus inside when the focused control was just hidden.
			const focused = document.activeElement;
			if (dialog.open && (!dialog.contains(focused) || focused.closest("[hidden]"))) panel.focus();
		};

		// Right/next walks through a carousel's slides, then on to the next post (and round).
		const step = (direction) => {
			slide += direction;
			if (slide < 0 || slide >= slides.length) {
				post = (post + direction + tiles.length) % tiles.length;
				slides = slidesOf(tiles[post]);
				slide = direction > 0 ? 0 : slides.length - 1;
			}
			render();
		};

		const open = (tile) => {
			opener = tile;
			post = tiles.indexOf(tile);
			slides = slidesOf(tile);
			slide = 0;
			render();
			dialog.showModal();
			publish("post_open", { feed: root.dataset.sfFeed, post: tile.dataset.sfId });
		};

		play.addEventListener("click", () => {
			const current = slides[slide];
			const poster = image.currentSrc || image.src;
			video = Object.assign(document.createElement("video"), { src: current.video, poster, controls: true });
			video.playsInline = true;
			image.hidden = play.hidden = true;
			media.append(video);
			video.focus();
			video.play().catch(() => {});
		});

		dialog.addEventListener("click", (event) => {
			const target = event.target;
			if (target === dialog || target.closest("[data-sf-close]")) return dialog.close();
			const stepper = target.closest("[data-sf-step]");
			if (stepper) step(+stepper.dataset.sfStep);
		});

		dialog.addEventListener("keydown", (event) => {
			if (event.key === "Tab") {
				// The page behind is inert; wrap around so focus never leaves for the browser's UI.
				const focusable = Array.from(dialog.querySelectorAll("a[href], button, select, video")).filter(
					(el) => !el.closest("[hidden]") && el.getClientRects().length,
				);
				const edge = event.shiftKey ? focusable[0] : focusable[focusable.length - 1];
				if (document.activeElement === edge || document.activeElement === panel) {
					event.preventDefault();
					(event.shiftKey ? focusable[focusable.length - 1] : focusable[0]).focus();
				}
				return;
			}
			if (event.altKey || event.ctrlKey || event.metaKey || event.target.tagName === "VIDEO") return;
			const direction = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
			if (!direction) return;
			event.preventDefault();
			step(rtl(dialog) ? -direction : direction);
		});

		dialog.addEventListener("close", () => {
			stopVideo();
			opener?.focus();
		});

		root.addEventListener("click", (event) => {
			const tile = event.target.closest(".sf-tile");
			const modified = event.metaKey || event.ctrlKey || event.shiftKey || event.altKey; // new tab or window
			if (!tile || event.defaultPrevented || event.button || modified) return;
			event.preventDefault();
			open(tile);
		});

		for (const tile of tiles) {
			tile.removeAttribute("aria-describedby"); // no longer opens a new window
			tile.setAttribute("aria-haspopup", "dialog");
		}
	}

	const init = (root) => {
		if (root.sfReady) return;
		root.sfReady = true;
		// Once per page view, on entering the viewport.
		const seen = new IntersectionObserver(([entry]) => {
			if (!entry.isIntersecting) return;
			seen.disconnect();
			publish("feed_view", { feed: root.dataset.sfFeed });
		});
		seen.observe(root);
		if (root.classList.contains("sf--slider")) slider(root);
		const dialog = root.querySelector("dialog.sf-lb");
		if (dialog?.showModal) lightbox(root, dialog);
	};
	const boot = () => {
		document.querySelectorAll("[data-sf]").forEach(init);
		if (document.readyState === "complete") document.querySelectorAll("[data-sf-src]").forEach(show);
	};

	boot();
	addEventListener("load", boot);
	// Theme editor: a changed block is re-rendered into a new element.
	document.addEventListener("shopify:section:load", boot);
})();
