/* csp-radar gadget: the content of the wiki page MediaWiki:Gadget-csp-radar.js
 *
 * Turns every <div class="csp-radar" data-profile="..." data-preset="..."
 * data-compare="..."></div> in page content into a csp-radar widget (each in
 * its own shadow root, so the skin's CSS does not reach in).
 *
 * embed.js is loaded once, only on pages that have such a div, from
 *   window.cspRadarBase                       (set it in MediaWiki:Common.js
 *                                             to use another folder), else
 *   mw.config.get('wgScriptPath') + '/csp-radar/'
 * with a plain <script src> element (not through ResourceLoader), so that
 * embed.js finds csp-radar.js and csp-radar_bg.wasm beside itself.
 *
 * Content added later (live preview, other gadgets) is mounted too, through
 * the wikipage.content hook. ES5 on purpose: MediaWiki 1.39 validates gadget
 * scripts as ES5.
 */
( function () {
	'use strict';

	var waiting = [];
	var state = 'idle'; // idle | loading | ready | failed

	function base() {
		var b = window.cspRadarBase || ( mw.config.get( 'wgScriptPath' ) + '/csp-radar/' );
		return /\/$/.test( b ) ? b : b + '/';
	}

	function whenLoaded( callback ) {
		if ( window.CspRadar ) {
			state = 'ready';
			callback( window.CspRadar );
			return;
		}
		if ( state === 'failed' ) {
			return;
		}
		waiting.push( callback );
		if ( state === 'loading' ) {
			return;
		}
		state = 'loading';
		var script = document.createElement( 'script' );
		script.src = base() + 'embed.js';
		script.async = true;
		script.onload = function () {
			var queued = waiting;
			waiting = [];
			if ( !window.CspRadar ) {
				state = 'failed';
				mw.log.warn( 'csp-radar: ' + script.src + ' loaded but did not define CspRadar' );
				return;
			}
			state = 'ready';
			for ( var i = 0; i < queued.length; i++ ) {
				queued[ i ]( window.CspRadar );
			}
		};
		script.onerror = function () {
			state = 'failed';
			waiting = [];
			mw.log.warn( 'csp-radar: could not load ' + script.src + ' (is dist/ copied there?)' );
		};
		document.head.appendChild( script );
	}

	mw.hook( 'wikipage.content' ).add( function ( $content ) {
		var root = $content && $content[ 0 ];
		if ( !root || !root.querySelector || !root.querySelector( 'div.csp-radar' ) ) {
			return;
		}
		whenLoaded( function ( api ) {
			api.mountAll( root );
		} );
	} );
}() );
