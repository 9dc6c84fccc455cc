// Draws every <canvas data-chart="..."> with Chart.js. The configuration is JSON written by the
// server into the attribute, so the page needs no inline script (the CSP forbids those).
document.addEventListener('DOMContentLoaded', function () {
	if (typeof Chart === 'undefined') {
		return;
	}
	document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
		try {
			new Chart(canvas, shortenNames(JSON.parse(canvas.dataset.chart)));
			canvas.dataset.rendered = 'true';
		}
		catch (error) {
			console.error('chart not drawn', error);
		}
	});
});

// Chart.js gives the name axis of a horizontal bar chart at most half the width and draws
// longer artist or track names cut off on the left. Names are shortened with an ellipsis to
// what fits; the tooltip keeps the full name (its title is the data label, not the tick).
var NAME_AXIS_SHARE = 0.45;

function shortenNames(config) {
	if (config.type !== 'bar' || !config.options || config.options.indexAxis !== 'y') {
		return config;
	}
	var scales = config.options.scales = config.options.scales || {};
	var axis = scales.y = scales.y || {};
	var ticks = axis.ticks = axis.ticks || {};
	ticks.autoSkip = false;
	ticks.callback = function (value) {
		return fitted(this, String(this.getLabelForValue(value)), this.chart.width * NAME_AXIS_SHARE);
	};
	return config;
}

function fitted(scale, label, maxWidth) {
	var ctx = scale.ctx;
	ctx.save();
	ctx.font = Chart.helpers.toFont(scale.options.ticks.font).string;
	var text = label;
	if (ctx.measureText(text).width > maxWidth) {
		while (text.length > 1 && ctx.measureText(text + '…').width > maxWidth) {
			text = text.slice(0, -1);
		}
		text = text.trimEnd() + '…';
	}
	ctx.restore();
	return text;
}
