// Keeps "… ago" texts current without reloading: the server renders each <time data-age-seconds>
// with its age then; the browser adds the time passed since it first saw the element, so a
// difference between the server's and the browser's clocks does not matter. Rows htmx swaps in
// bring their own fresh age.
(function () {
	'use strict';
	var origins = new WeakMap();

	// the same wording as Formats.ago on the server
	function ago(seconds) {
		var future = seconds < 0;
		var s = Math.abs(seconds);
		var amount;
		if (s < 60) {
			amount = s + ' s';
		} else if (s < 3600) {
			amount = Math.floor(s / 60) + ' min';
		} else if (s < 172800) {
			amount = Math.floor(s / 3600) + ' h';
		} else {
			amount = Math.floor(s / 86400) + ' days';
		}
		return future ? 'in ' + amount : amount + ' ago';
	}

	function refresh() {
		var now = Date.now();
		document.querySelectorAll('time[data-age-seconds]').forEach(function (element) {
			var origin = origins.get(element);
			if (origin === undefined) {
				origin = now - Number(element.getAttribute('data-age-seconds')) * 1000;
				origins.set(element, origin);
			}
			var text = ago(Math.floor((now - origin) / 1000));
			if (element.textContent !== text) {
				element.textContent = text;
			}
		});
	}

	setInterval(refresh, 1000);
})();
