// Live progress for long work (imports, batch placement).
// A region marked data-poll="URL" is refreshed every few seconds from URL, which answers JSON:
//   { "finished": bool, "values": { "name": "text", ... }, "percent": number|null }
// Each element inside the region with data-value="name" gets the new text; a <progress> element gets the percent
// (or stays indeterminate when it is null). When "finished" turns true the page reloads once to show the result.
// Without JavaScript the page still works: it carries a plain "Refresh" link.
(function () {
    "use strict";
    var regions = document.querySelectorAll("[data-poll]");
    Array.prototype.forEach.call(regions, function (region) {
        var url = region.getAttribute("data-poll");
        var delay = parseInt(region.getAttribute("data-poll-ms") || "2000", 10);
        var failures = 0;
        function apply(state) {
            var values = state.values || {};
            Object.keys(values).forEach(function (name) {
                var target = region.querySelector('[data-value="' + name + '"]');
                if (target) { target.textContent = values[name]; }
            });
            var bar = region.querySelector("progress");
            if (bar) {
                if (typeof state.percent === "number") {
                    bar.max = 100;
                    bar.value = state.percent;
                } else {
                    bar.removeAttribute("value");
                }
            }
        }
        function tick() {
            fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" }, cache: "no-store" })
                .then(function (response) {
                    if (!response.ok) { throw new Error(String(response.status)); }
                    return response.json();
                })
                .then(function (state) {
                    failures = 0;
                    apply(state);
                    if (state.finished) {
                        window.location.reload();
                    } else {
                        window.setTimeout(tick, delay);
                    }
                })
                .catch(function () {
                    failures += 1;
                    var note = region.querySelector("[data-poll-error]");
                    if (note) { note.hidden = failures < 3; }
                    window.setTimeout(tick, Math.min(delay * (failures + 1), 30000));
                });
        }
        window.setTimeout(tick, delay);
    });
}());
