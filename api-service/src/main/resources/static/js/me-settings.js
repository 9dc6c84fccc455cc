// Offers the browser's own IANA zone on the settings page when it differs from the saved one.
document.addEventListener('DOMContentLoaded', function () {
	var select = document.getElementById('time-zone');
	var hint = document.getElementById('browser-zone');
	var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
	if (!select || !hint || !zone || select.value === zone) {
		return;
	}
	if (!Array.prototype.some.call(select.options, function (option) { return option.value === zone; })) {
		return;
	}
	hint.querySelector('strong').textContent = zone;
	hint.hidden = false;
	document.getElementById('use-browser-zone').addEventListener('click', function () {
		select.value = zone;
	});
});
