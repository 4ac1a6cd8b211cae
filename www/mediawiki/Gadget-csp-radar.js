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
 * embed.js finds csp-radar-embed.js and csp-radar-embed_bg.wasm beside itself.
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

	// A widget grows from nothing to its full height after the page has
	// loaded, which pushes a section opened by a link (#Some_heading) out
	// of view. Until the reader scrolls, keep that section in view.
	var userMoved = false;
	var fragmentDone = false;
	var events = [ 'wheel', 'touchstart', 'keydown', 'mousedown' ];
	function moved() {
		userMoved = true;
	}
	for ( var e = 0; e < events.length; e++ ) {
		window.addEventListener( events[ e ], moved, { capture: true, passive: true, once: true } );
	}
	function fragmentTarget() {
		var id = location.hash.slice( 1 );
		try {
			id = decodeURIComponent( id );
		} catch ( err ) {}
		return id && !/^CSPR:/.test( id ) ? document.getElementById( id ) : null;
	}
	function keepFragmentInView() {
		// Only for the page as loaded, not for content added later.
		if ( fragmentDone ) {
			return;
		}
		fragmentDone = true;
		var target = fragmentTarget();
		if ( target && !userMoved ) {
			requestAnimationFrame( function () {
				if ( !userMoved ) {
					target.scrollIntoView();
				}
			} );
		}
	}

	mw.hook( 'wikipage.content' ).add( function ( $content ) {
		var root = $content && $content[ 0 ];
		if ( !root || !root.querySelector || !root.querySelector( 'div.csp-radar' ) ) {
			return;
		}
		// data-profile="this-page": the widget evaluates the provider
		// research page it sits on, read as wikitext from this wiki.
		var own = root.querySelectorAll( 'div.csp-radar[data-profile="this-page"]' );
		for ( var p = 0; p < own.length; p++ ) {
			own[ p ].setAttribute( 'data-page-url', mw.config.get( 'wgScript' ) + '?title=' +
				encodeURIComponent( mw.config.get( 'wgPageName' ) ) + '&action=raw' );
			own[ p ].setAttribute( 'data-page-title', mw.config.get( 'wgTitle' ) );
		}
		whenLoaded( function ( api ) {
			api.mountAll( root );
			// embed.js mounts the whole document when it first loads, so
			// ask each div for its handle rather than using mountAll's list.
			var divs = root.querySelectorAll( 'div.csp-radar' );
			var ready = [];
			for ( var i = 0; i < divs.length; i++ ) {
				if ( divs[ i ].cspRadar ) {
					ready.push( divs[ i ].cspRadar.ready );
				}
			}
			Promise.all( ready ).then( keepFragmentInView, keepFragmentInView );
		} );
	} );
}() );
