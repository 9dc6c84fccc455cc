// A cover or artist picture that does not load is removed, so the placeholder under it (the
// initials) shows instead of a broken image. No inline handlers: the CSP forbids them.
document.addEventListener('DOMContentLoaded', function () {
	document.querySelectorAll('.cover img').forEach(function (img) {
		if (img.complete && img.naturalWidth === 0) {
			img.remove();
		}
		else {
			img.addEventListener('error', function () {
				img.remove();
			});
		}
	});
});
