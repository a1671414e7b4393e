<?php
// Installs WordPress into the empty database with its own installer, in Gujarati site time.
define('WP_INSTALLING', true);
require __DIR__ . '/load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
$result = wp_install('સમાચાર દર્પણ', 'admin', 'admin@samachar.example', true, '', 'પાસવર્ડ-ખાનગી-123');
if (is_wp_error($result)) {
    fwrite(STDERR, $result->get_error_message());
    exit(1);
}
update_option('timezone_string', 'Asia/Kolkata');
update_option('gmt_offset', '');
update_option('blogdescription', 'ગુજરાતના તાજા સમાચાર');
// Two a page, so archives have a second page to compare.
update_option('posts_per_page', 2);
update_option('thread_comments_depth', 5);
// Set here, before the run that seeds: taxonomies add their rewrite rules at load time only
// when permalinks are already on, so seed.php's flush then has the category and tag rules.
update_option('permalink_structure', '/%year%/%monthnum%/%day%/%postname%/');
echo "installed\n";
