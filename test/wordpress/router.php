<?php
// Router for PHP's built-in server in front of Debian's WordPress: picks the throwaway site's
// config (/etc/wordpress/config-NAME.php), serves its uploads, and sends every other path that
// is not a file to index.php, as the rewrite rules of a web server would.
$_SERVER['WORDPRESS_CONFIG'] = getenv('KHABAR_WP_CONFIG');
$path = urldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH));
if (str_starts_with($path, '/wp-content/uploads/')) {
    $file = getenv('KHABAR_WP_CONTENT') . substr($path, strlen('/wp-content'));
    if (is_file($file) && !str_contains($path, '..')) {
        header('Content-Type: ' . mime_content_type($file));
        readfile($file);
        return true;
    }
    http_response_code(404);
    return true;
}
$file = '/usr/share/wordpress' . $path;
if ($path !== '/' && is_file($file)) {
    if (str_ends_with($file, '.php')) {
        $_SERVER['SCRIPT_NAME'] = $path;
        $_SERVER['SCRIPT_FILENAME'] = $file;
        chdir(dirname($file));
        require $file;
        return true;
    }
    return false;
}
$_SERVER['SCRIPT_NAME'] = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = '/usr/share/wordpress/index.php';
chdir('/usr/share/wordpress');
require '/usr/share/wordpress/index.php';
