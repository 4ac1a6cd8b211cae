<?php
/**
 * What MediaWiki makes of a page beyond its HTML, for tests/render/wikitext.test.mjs:
 * the pre-save transform (signatures, subst:, the pipe trick happen when a
 * page is saved, which parse.php does not do) and what the parse records
 * (categories, links, templates, page properties such as __NOTOC__,
 * sections). Prints one JSON object.
 *
 * php /usr/share/mediawiki/maintenance/runScript.php tests/render/mw-inspect.php --conf LocalSettings.php PAGE.wiki
 */

use MediaWiki\MediaWikiServices;

require_once getenv( 'MW_INSTALL_PATH' ) . '/maintenance/Maintenance.php';

class CspRadarInspect extends Maintenance {
	public function __construct() {
		parent::__construct();
		$this->addArg( 'file', 'wikitext to inspect' );
	}

	public function execute() {
		$text = file_get_contents( $this->getArg( 0 ) );
		$services = MediaWikiServices::getInstance();
		$title = Title::newFromText( 'Csp radar export' );
		$user = $services->getUserFactory()->newFromName( 'Admin' );
		$options = ParserOptions::newFromUser( $user );
		$parser = $services->getParserFactory()->create();
		$pst = $parser->preSaveTransform( $text, $title, $user, $options );
		$out = $services->getParserFactory()->create()->parse( $text, $title, $options );
		$links = [];
		foreach ( $out->getLinks() as $ns => $titles ) {
			foreach ( $titles as $dbkey => $id ) {
				$links[] = "$ns:$dbkey";
			}
		}
		$sections = array_map( static function ( $s ) {
			return $s['line'];
		}, $out->getSections() );
		print json_encode( [
			'pst' => $pst,
			'categories' => $out->getCategoryNames(),
			'links' => $links,
			'templates' => array_keys( array_merge( [], ...array_values( $out->getTemplates() ) ) ),
			'images' => array_keys( $out->getImages() ),
			'externalLinks' => array_keys( $out->getExternalLinks() ),
			'languageLinks' => $out->getLanguageLinks(),
			'properties' => $out->getPageProperties(),
			'sections' => $sections,
			'warnings' => $out->getWarnings(),
		], JSON_PRETTY_PRINT | JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES ) . "\n";
	}
}

$maintClass = CspRadarInspect::class;
require_once RUN_MAINTENANCE_IF_MAIN;
