// Draws every <canvas data-chart="..."> with Chart.js. The configuration is JSON written by the
// server into the attribute, so the page needs no inline script (the CSP forbids those).
document.addEventListener('DOMContentLoaded', function () {
	if (typeof Chart === 'undefined') {
		return;
	}
	document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
		try {
			new Chart(canvas, JSON.parse(canvas.dataset.chart));
			canvas.dataset.rendered = 'true';
		}
		catch (error) {
			console.error('chart not drawn', error);
		}
	});
});
