// The sandbox's stand-in for Instagram's login/consent window: self-contained, accessible HTML
// (labelled controls, visible focus, no scripts, no external resources).
import type { FakeAccount } from "./types";
import { escapeHtml } from "./http";

const STYLE = `
  :root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
  body { margin: 0; background: #fafafa; color: #262626; }
  main { max-width: 26rem; margin: 3rem auto; padding: 2rem; background: #fff; border: 1px solid #dbdbdb; border-radius: 12px; }
  h1 { font-size: 1.5rem; margin: 0 0 1rem; } h1 span { color: #737373; font-weight: 400; }
  h2 { font-size: 1rem; margin: 1.25rem 0 .5rem; }
  fieldset { border: 1px solid #dbdbdb; border-radius: 8px; padding: .75rem 1rem; margin: 1rem 0; }
  legend { font-weight: 600; padding: 0 .25rem; }
  label { display: flex; gap: .5rem; align-items: center; padding: .4rem 0; cursor: pointer; }
  small { color: #737373; }
  code { background: #f2f2f2; padding: 0 .25rem; border-radius: 4px; }
  .actions { display: flex; gap: .75rem; margin-top: 1.5rem; }
  button { flex: 1; font: inherit; font-weight: 600; padding: .6rem 1rem; border-radius: 8px; border: 1px solid #dbdbdb; background: #fff; color: #262626; cursor: pointer; }
  button.primary { background: #0064e0; border-color: #0064e0; color: #fff; }
  button:disabled { opacity: .5; cursor: not-allowed; }
  button:focus-visible, input:focus-visible { outline: 3px solid #1877f2; outline-offset: 2px; }
  .note { font-size: .85rem; color: #737373; margin-top: 1.5rem; }
  .error { color: #b00020; }`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Instagram <span>(sandbox)</span></h1>
${body}
<p class="note">Offline stand-in for Instagram: nothing leaves this machine.</p>
</main>
</body>
</html>`;
}

const ACCOUNT_TYPE_LABELS: Record<string, string> = {
  BUSINESS: "Business account",
  MEDIA_CREATOR: "Creator account",
  PERSONAL: "Personal account",
};

function accountChoice(account: FakeAccount, checked: boolean): string {
  const id = `account-${escapeHtml(account.username)}`;
  return `<label for="${id}"><input type="radio" id="${id}" name="username" value="${escapeHtml(account.username)}"${
    checked ? " checked" : ""
  } required>
<span>@${escapeHtml(account.username)} <small>${escapeHtml(
    ACCOUNT_TYPE_LABELS[account.accountType] ?? account.accountType,
  )}</small></span></label>`;
}

export interface ConsentView {
  appId: string;
  scopes: string[];
  accounts: FakeAccount[];
  hidden: Record<string, string>; // echoed back by the form
}

export function consentPage(view: ConsentView): string {
  const hidden = Object.entries(view.hidden)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join("\n");
  const scopes = view.scopes.map((s) => `<li><code>${escapeHtml(s)}</code></li>`).join("");
  const choices = view.accounts.length
    ? view.accounts.map((a, i) => accountChoice(a, i === 0)).join("\n")
    : `<p class="error">No Instagram accounts are seeded in this sandbox.</p>`;
  return page(
    "Allow access? · Instagram (sandbox)",
    `<p>The app <code>${escapeHtml(view.appId)}</code> would like to access your Instagram professional account.</p>
<form method="post" action="/oauth/authorize/decision">
${hidden}
<h2 id="scopes-heading">It asks for</h2>
<ul aria-labelledby="scopes-heading">${scopes}</ul>
<fieldset>
<legend>Continue as</legend>
${choices}
</fieldset>
<div class="actions">
<button type="submit" name="decision" value="allow" class="primary"${
      view.accounts.length ? "" : " disabled"
    }>Allow</button>
<button type="submit" name="decision" value="cancel" formnovalidate>Cancel</button>
</div>
</form>`,
  );
}

export function errorPage(heading: string, message: string): string {
  return page(
    `${heading} · Instagram (sandbox)`,
    `<h2 role="alert">${escapeHtml(heading)}</h2>\n<p>${escapeHtml(message)}</p>`,
  );
}
