<?php
// Router for `php -S 127.0.0.1:PORT -t /usr/share/mediawiki wiki-router.php`
// (tests/e2e/wiki-server.mjs): /csp-radar/* comes from the built dist/ (what the
// README tells an admin to copy beside index.php), /csp-radar-test/* from the
// test's own pages; everything else is MediaWiki's.
$path = rawurldecode( parse_url( $_SERVER['REQUEST_URI'], PHP_URL_PATH ) ?? '/' );
$mounts = [
	'/csp-radar/' => getenv( 'CSP_RADAR_DIST' ),
	'/csp-radar-test/' => getenv( 'CSP_RADAR_TEST_PAGES' ),
];
foreach ( $mounts as $prefix => $dir ) {
	if ( !$dir || strncmp( $path, $prefix, strlen( $prefix ) ) !== 0 ) {
		continue;
	}
	$rel = substr( $path, strlen( $prefix ) );
	if ( $rel === '' || substr( $rel, -1 ) === '/' ) {
		$rel .= 'index.html';
	}
	$root = realpath( $dir );
	$file = realpath( $root . '/' . $rel );
	if ( $file === false || strpos( $file, $root . '/' ) !== 0 || !is_file( $file ) ) {
		http_response_code( 404 );
		header( 'Content-Type: text/plain' );
		echo "not found: $path\n";
		return true;
	}
	$types = [
		'html' => 'text/html; charset=utf-8', 'js' => 'text/javascript', 'mjs' => 'text/javascript',
		'wasm' => 'application/wasm', 'json' => 'application/json', 'css' => 'text/css',
		'svg' => 'image/svg+xml',
	];
	$ext = strtolower( pathinfo( $file, PATHINFO_EXTENSION ) );
	header( 'Content-Type: ' . ( $types[$ext] ?? 'application/octet-stream' ) );
	header( 'Content-Length: ' . filesize( $file ) );
	header( 'Cache-Control: no-store' );
	readfile( $file );
	return true;
}
return false;
