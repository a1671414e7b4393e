<?php
// Loads the throwaway WordPress from the command line (the scripts beside this one include it).
$_SERVER['WORDPRESS_CONFIG'] = getenv('KHABAR_WP_CONFIG');
$_SERVER['HTTP_HOST'] = getenv('KHABAR_WP_HOST');
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_NAME'] = '127.0.0.1';
$_SERVER['SERVER_PORT'] = '80';
$_SERVER['REQUEST_METHOD'] = 'GET';
require '/usr/share/wordpress/wp-load.php';
