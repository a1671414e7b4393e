<?php
// Writes WordPress's own export (Tools → Export, all content) to standard output.
require __DIR__ . '/load.php';
require_once ABSPATH . 'wp-admin/includes/export.php';
export_wp(['content' => 'all']);
