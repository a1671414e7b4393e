<?php
// Seeds the throwaway WordPress with a small Gujarati news site through WordPress's own
// functions (so slugs, GMT dates, counts and ids are the ones WordPress makes), then prints
// what it made as JSON for the test.
require __DIR__ . '/load.php';
require_once ABSPATH . 'wp-admin/includes/image.php';
require_once ABSPATH . 'wp-admin/includes/post.php';

global $wp_rewrite;
$wp_rewrite->flush_rules(false);

// WordPress's sample content is English and not part of the site under test.
foreach (get_posts(['post_type' => 'any', 'post_status' => 'any', 'numberposts' => -1]) as $p) wp_delete_post($p->ID, true);

function must($value) {
    if (is_wp_error($value) || !$value) {
        fwrite(STDERR, is_wp_error($value) ? $value->get_error_message() : 'failed');
        exit(1);
    }
    return $value;
}

$users = [];
foreach ([['ramesh', 'રમેશ પટેલ', 'ramesh@samachar.example'], ['kavya', 'કાવ્યા શાહ', 'kavya@samachar.example']] as [$login, $name, $mail]) {
    $users[$login] = must(wp_insert_user(['user_login' => $login, 'user_pass' => wp_generate_password(), 'user_email' => $mail, 'display_name' => $name, 'role' => 'author']));
}

$cat = [];
$cat['gujarat'] = must(wp_insert_term('ગુજરાત', 'category'))['term_id'];
$cat['ahmedabad'] = must(wp_insert_term('અમદાવાદ', 'category', ['parent' => $cat['gujarat'], 'description' => 'શહેરના સમાચાર']))['term_id'];
$cat['sports'] = must(wp_insert_term('રમતગમત', 'category'))['term_id'];
$cat['cricket'] = must(wp_insert_term('ક્રિકેટ', 'category', ['parent' => $cat['sports']]))['term_id'];

// The image: drawn here, placed where WordPress keeps November 2026's uploads, sizes made by WordPress.
$dir = wp_upload_dir('2026/11');
wp_mkdir_p($dir['path']);
$file = $dir['path'] . '/sabarmati-varsad.jpg';
$im = imagecreatetruecolor(1600, 1000);
imagefilledrectangle($im, 0, 0, 1600, 1000, imagecolorallocate($im, 30, 90, 160));
imagefilledellipse($im, 800, 500, 900, 500, imagecolorallocate($im, 240, 200, 60));
imagejpeg($im, $file, 85);

$make_post = function (array $p) use ($users, $cat) {
    $id = must(wp_insert_post([
        'post_title' => $p['title'],
        'post_content' => $p['content'],
        'post_excerpt' => $p['excerpt'] ?? '',
        'post_status' => $p['status'] ?? 'publish',
        'post_type' => $p['type'] ?? 'post',
        'post_author' => $users[$p['author'] ?? 'ramesh'],
        'post_date' => $p['date'],
        'post_category' => isset($p['cat']) ? [$cat[$p['cat']]] : [],
        'tags_input' => $p['tags'] ?? [],
        'comment_status' => 'open',
    ], true));
    if (isset($p['views'])) add_post_meta($id, 'post_views_count', (string) $p['views']);
    return $id;
};

$ids = [];
$ids['rain'] = $make_post([
    'title' => 'અમદાવાદમાં ભારે વરસાદ, સાબરમતી બે કાંઠે',
    'content' => "શહેરમાં મધરાતથી વરસાદ ચાલુ છે. ઘણા વિસ્તારોમાં પાણી ભરાયાં.\n\nતંત્રએ લોકોને ઘરમાં રહેવા અપીલ કરી છે.",
    'excerpt' => 'મધરાતથી વરસાદ, તંત્ર એલર્ટ પર',
    // 00:30 in India is the previous day in UTC: the permalink must keep India's day.
    'date' => '2026-11-10 00:30:00', 'cat' => 'ahmedabad', 'tags' => ['વરસાદ', 'ચોમાસું'], 'views' => 1523,
]);
$att = must(wp_insert_attachment(['post_mime_type' => 'image/jpeg', 'post_title' => 'સાબરમતી નદી', 'post_excerpt' => 'સાબરમતી નદી કિનારે પાણી', 'post_content' => '', 'post_status' => 'inherit', 'post_date' => '2026-11-10 00:20:00'], $file, $ids['rain'], true));
wp_update_attachment_metadata($att, wp_generate_attachment_metadata($att, $file));
update_post_meta($att, '_wp_attachment_image_alt', 'પૂરમાં ડૂબેલો કિનારો');
set_post_thumbnail($ids['rain'], $att);
$src = wp_get_attachment_image_src($att, 'large')[0];
wp_update_post(['ID' => $ids['rain'], 'post_content' => "શહેરમાં મધરાતથી વરસાદ ચાલુ છે. ઘણા વિસ્તારોમાં પાણી ભરાયાં.\n\n<img class=\"alignnone size-large wp-image-$att\" src=\"$src\" alt=\"પૂરમાં ડૂબેલો કિનારો\" />\n\nતંત્રએ લોકોને ઘરમાં રહેવા અપીલ કરી છે."]);

$ids['cricket'] = $make_post([
    'title' => 'ભારતે શ્રેણી ૩-૧થી જીતી',
    'content' => "અંતિમ મેચમાં ભારતનો શાનદાર વિજય થયો. કપ્તાને ટીમના દરેક ખેલાડીની પ્રશંસા કરી અને દર્શકોનો આભાર માન્યો.\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n\nહવે પછીની શ્રેણી જાન્યુઆરીમાં રમાશે.",
    'date' => '2026-11-12 18:45:00', 'cat' => 'cricket', 'tags' => ['IPL ૨૦૨૬'], 'author' => 'kavya', 'views' => 88,
]);
stick_post($ids['cricket']);
$ids['gujarat'] = $make_post([
    'title' => 'ગાંધીનગરમાં નવી યોજનાની જાહેરાત',
    'content' => 'રાજ્ય સરકારે ખેડૂતો માટે નવી સહાય યોજના જાહેર કરી. અરજી ઓનલાઇન કરી શકાશે.',
    'date' => '2026-10-05 09:15:00', 'cat' => 'gujarat', 'tags' => ['ચોમાસું'],
]);
$ids['ahmedabad2'] = $make_post([
    'title' => 'રિવરફ્રન્ટ પર ફ્લાવર શો',
    'content' => 'આ વર્ષે ફ્લાવર શોમાં ક્ઝ અને ઋતુ પ્રમાણે ફૂલો જોવા મળશે.',
    'date' => '2026-11-01 11:00:00', 'cat' => 'ahmedabad', 'author' => 'kavya',
]);
$ids['future'] = $make_post(['title' => 'આવતા અઠવાડિયે પરિણામ', 'content' => 'પરિણામ જાહેર થશે.', 'date' => '2099-01-01 10:00:00', 'status' => 'future', 'cat' => 'gujarat']);
$ids['draft'] = $make_post(['title' => 'અધૂરો લેખ', 'content' => 'હજી લખાય છે.', 'date' => '2026-11-13 10:00:00', 'status' => 'draft', 'cat' => 'gujarat']);
$ids['about'] = $make_post(['title' => 'અમારા વિશે', 'content' => 'સમાચાર દર્પણ ગુજરાતનું સમાચાર માધ્યમ છે.', 'date' => '2026-01-01 10:00:00', 'type' => 'page']);

$make_comment = function (int $post, string $author, string $text, string $date, int $parent = 0, $approved = 1) {
    return must(wp_insert_comment(['comment_post_ID' => $post, 'comment_author' => $author, 'comment_author_email' => '', 'comment_content' => $text, 'comment_date' => $date, 'comment_parent' => $parent, 'comment_approved' => $approved, 'comment_type' => 'comment']));
};
$c1 = $make_comment($ids['rain'], 'હેમંત', 'અમારી સોસાયટીમાં પણ પાણી ભરાયાં છે.', '2026-11-10 07:05:00');
$c2 = $make_comment($ids['rain'], 'નિશા', 'કયા વિસ્તારમાં?', '2026-11-10 07:40:00', $c1);
$make_comment($ids['rain'], 'હેમંત', 'વાસણા પાસે.', '2026-11-10 08:02:00', $c2);
$make_comment($ids['rain'], 'અજય', 'સાવચેત રહેજો.', '2026-11-10 09:30:00');
$make_comment($ids['cricket'], 'ક્રિકેટ ચાહક', 'ગજબની રમત!', '2026-11-12 20:10:00');
$make_comment($ids['cricket'], 'મેહુલ', 'હજી મંજૂરી બાકી', '2026-11-12 21:00:00', 0, 0);

echo json_encode(['posts' => $ids, 'attachment' => $att, 'categories' => $cat, 'users' => $users]), "\n";
