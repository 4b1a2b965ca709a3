// The query page around YASGUI: the named queries, a form for their parameters, and links into
// this server for the graph's own IRIs. Plain browser JavaScript, no build step, nothing fetched
// from elsewhere; the pure helpers at the top are also loaded by the tests (Node).

/** Where a link to `iri` goes: this server's Linked Data page for an IRI under `base`, else the IRI. */
function localHref(iri, base) {
  return iri.startsWith(base) ? "/" + iri.slice(base.length) : iri;
}

/** The named query a tab runs through (its endpoint is /queries/NAME), or "" for the SPARQL endpoint. */
function namedQueryOf(endpoint) {
  try {
    const found = new URL(endpoint, "http://localhost/").pathname.match(/^\/queries\/([^/]+)$/);
    return found ? decodeURIComponent(found[1]) : "";
  } catch (error) {
    return "";
  }
}

/** The request arguments for the given parameter values: blank fields are left out (not given). */
function argumentsFor(values) {
  return Object.entries(values).filter(([, value]) => value.trim() !== "")
    .map(([name, value]) => ({ name: name, value: value.trim() }));
}

/** The values a tab's request arguments hold, by name. */
function valuesOf(args) {
  const values = {};
  for (const arg of Array.isArray(args) ? args : []) values[arg.name] = arg.value;
  return values;
}

function startQueryPage({ yasgui, container, examples, base, nav, form }) {
  const byName = new Map(examples.map((example) => [example.name, example]));
  const origin = window.location.origin;
  let shown = null; // the tab whose parameters the form shows
  let shownName = "";

  function showParameters(tab) {
    shownName = tab ? namedQueryOf(tab.getEndpoint()) : "";
    const example = byName.get(shownName);
    shown = tab;
    form.replaceChildren();
    form.hidden = !example;
    if (!example) return;
    const heading = document.createElement("p");
    heading.innerHTML = "<strong></strong> runs through <code></code>: the server binds these values as RDF terms.";
    heading.querySelector("strong").textContent = example.title;
    heading.querySelector("code").textContent = "/queries/" + example.name;
    form.appendChild(heading);
    const values = valuesOf(tab.getRequestConfig().args);
    for (const parameter of example.parameters) {
      const label = document.createElement("label");
      const name = document.createElement("span");
      name.className = "name";
      name.textContent = parameter.name + (parameter.optional ? "" : " *");
      const input = document.createElement("input");
      input.name = parameter.name;
      input.value = values[parameter.name] || "";
      input.placeholder = parameter.example;
      input.required = !parameter.optional;
      const note = document.createElement("span");
      note.className = "muted";
      note.textContent = parameter.description;
      label.append(name, input, note);
      form.appendChild(label);
    }
    const run = document.createElement("button");
    run.type = "submit";
    run.textContent = "Run";
    form.appendChild(run);
  }

  form.addEventListener("input", () => {
    if (!shown) return;
    const values = Object.fromEntries(new FormData(form).entries());
    shown.setRequestConfig({ args: argumentsFor(values) });
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (shown) shown.query();
  });

  for (const example of examples) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = example.title;
    button.title = example.description;
    button.addEventListener("click", () => {
      const tab = yasgui.addTab(true, { name: example.title });
      tab.setEndpoint(origin + "/queries/" + example.name);
      tab.setRequestConfig({ args: [] });
      tab.setQuery(example.query);
      showParameters(tab);
    });
    nav.appendChild(button);
  }
  yasgui.on("tabSelect", (instance, id) => showParameters(instance.getTab(id)));
  yasgui.on("tabChange", (instance, tab) => {
    // another endpoint in the tab's field: show the form that goes with it (not on every value typed)
    if (tab === instance.getTab() && (tab !== shown || namedQueryOf(tab.getEndpoint()) !== shownName)) {
      showParameters(tab);
    }
  });
  showParameters(yasgui.getTab());

  // Results name the graph's own IRIs, under the base, which may lead nowhere yet: link them to this server.
  const rewrite = () => {
    for (const link of container.querySelectorAll(`a[href^="${base}"]`)) {
      link.href = localHref(link.getAttribute("href"), base);
    }
  };
  new MutationObserver(rewrite).observe(container, { childList: true, subtree: true });
}

if (typeof module !== "undefined") {
  module.exports = { localHref, namedQueryOf, argumentsFor, valuesOf };
}
