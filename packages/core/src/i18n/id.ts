import type { en } from "./en.js";

/** Indonesian. Drafted without a native speaker: unreviewed until one has read it (docs/languages.md). */
export const id: Record<keyof typeof en, string> = {
  // The same neutral title on every page, so a browser's history and tabs reveal nothing.
  "site.title": "Amparo",
  "site.name": "Amparo",
  "site.skip": "Langsung ke konten",
  "site.quick_exit": "Keluar cepat",
  "site.quick_exit.help": "Langsung meninggalkan situs ini dan membuka situs biasa.",
  "site.language": "Bahasa",
  "site.footer.privacy":
    "Kami tidak pernah menyimpan alamat IP Anda bersama permohonan Anda dan tidak mencatat browser Anda. Kami tidak memakai pelacak dan tidak memuat apa pun dari situs lain.",
  "site.footer.safety":
    "Jika Anda memakai perangkat bersama, gunakan jendela pribadi atau jendela penyamaran, lalu tutup setelah selesai.",
  "site.back_home": "Kembali ke semua program pendanaan",

  "home.heading": "Pendanaan bagi pembela hak asasi manusia",
  "home.intro":
    "Temukan program pendanaan yang sesuai untuk Anda dan periksa dalam satu menit apakah Anda dapat mengajukan permohonan. Anda tidak memerlukan akun, dan kami tidak pernah menanyakan nama Anda untuk pemeriksaan ini.",
  "home.open": "Program pendanaan yang sedang dibuka",
  "home.closed": "Program pendanaan yang sudah ditutup",
  "home.none_open": "Saat ini tidak ada program pendanaan yang dibuka. Silakan kembali lagi nanti.",

  "call.kind.emergency": "Dana darurat",
  "call.kind.grant": "Hibah",
  "call.status.open": "Dibuka",
  "call.status.closed": "Ditutup",
  "call.amount": "{min} hingga {max}",
  "call.decision_days": "Keputusan paling lambat {days} hari setelah permohonan diajukan",
  "call.always_open": "Selalu dibuka",
  "call.closes": "Dibuka sampai {date}",
  "call.closed_on": "Ditutup pada {date}",
  "call.max_months.one": "Untuk kegiatan paling lama {count} bulan.",
  "call.max_months.other": "Untuk kegiatan paling lama {count} bulan.",
  "call.ratio": "Anda dapat meminta paling banyak {ratio} kali anggaran tahunan Anda saat ini.",
  "call.text_language":
    "Keterangan program pendanaan ini ditulis dalam bahasa {language}; bagian lain halaman ini dalam bahasa Indonesia.",
  "call.see": "Tentang program pendanaan ini",
  "call.covers": "Apa saja yang dapat didanai",
  "call.needs": "Yang Anda perlukan untuk mengajukan permohonan",
  "call.needs.note": "Catatan konsep singkat, dengan kata-kata Anda sendiri:",
  "call.needs.words.one": "paling banyak {count} kata",
  "call.needs.words.other": "paling banyak {count} kata",
  "call.needs.optional": "opsional",
  "call.needs.budget.required": "Berkas anggaran ({types}), maksimal {size}.",
  "call.needs.budget.optional": "Jika ada, berkas anggaran ({types}), maksimal {size}.",
  "call.languages": "Bahasa yang dapat Anda gunakan: {languages}.",
  "call.check": "Periksa apakah Anda dapat mengajukan permohonan",
  "call.is_closed": "Program pendanaan ini tidak sedang menerima permohonan.",

  "quiz.heading": "Dapatkah Anda mengajukan permohonan?",
  "quiz.intro":
    "Jawab pertanyaan kelayakan ini untuk mengetahuinya. Kami tidak menyimpan jawaban Anda atau apa pun yang dapat menunjukkan identitas Anda.",
  "quiz.required": "wajib",
  "quiz.optional": "opsional",
  "quiz.yes": "Ya",
  "quiz.no": "Tidak",
  "quiz.choose": "Pilih satu",
  "quiz.choose_many": "Pilih semua yang sesuai",
  "quiz.choose_country": "Pilih negara",
  "quiz.submit": "Periksa jawaban saya",
  "quiz.errors.heading": "Mohon periksa jawaban Anda",

  "result.eligible.heading": "Anda dapat mengajukan permohonan",
  "result.eligible.text": "Jawaban Anda memenuhi ketentuan program pendanaan ini. Berikut langkah selanjutnya.",
  "result.eligible.next": "Langkah selanjutnya",
  "result.eligible.steps":
    "Anda tidak perlu membuat akun: Anda akan mendapat kode akses pribadi. Dengan kode itu Anda menulis catatan konsep, menambahkan anggaran, lalu mengirim permohonan, tanpa terburu-buru.",
  "result.eligible.start": "Mulai permohonan",
  "result.ineligible.heading": "Anda tidak dapat mengajukan permohonan untuk program pendanaan ini",
  "result.ineligible.text.one": "Alasannya:",
  "result.ineligible.text.other": "Alasannya:",
  "result.not_stored": "Jawaban Anda tidak disimpan.",
  "result.change": "Ubah jawaban saya",
  "result.other_calls": "Lihat program pendanaan lain",

  "home.resume": "Sudah mulai? Lanjutkan dengan kode akses Anda",

  "start.heading": "Mulai permohonan Anda",
  "start.intro":
    "Anda tidak perlu membuat akun. Sebagai gantinya, Anda mendapat kode akses pribadi. Siapa pun yang memegang kode ini dapat membuka permohonan Anda, jadi simpanlah di tempat yang aman.",
  "start.language": "Dalam bahasa apa Anda akan menulis?",
  "start.language.help": "Batas jumlah kata dihitung dalam bahasa ini.",
  "start.email": "Alamat email untuk pemberitahuan (opsional)",
  "start.email.help":
    "Pertama kami mengirim satu email untuk meminta Anda mengonfirmasi alamat itu. Setelah itu kami hanya menulis untuk memberi tahu bahwa ada perubahan. Email kami tidak pernah memuat apa yang Anda tulis. Kosongkan jika email tidak aman bagi Anda.",
  "start.submit": "Mulai dan tampilkan kode akses saya",
  "start.no_answers": "Mohon jawab pertanyaan kelayakan terlebih dahulu.",

  "code.heading": "Kode akses Anda",
  "code.intro":
    "Kami hanya menampilkan kode ini sekali, yaitu sekarang. Catat kode ini atau simpan di pengelola kata sandi: tanpa kode ini, Anda tidak dapat kembali ke permohonan Anda.",
  "code.advice.share":
    "Jangan kirim kode ini lewat email atau aplikasi chat, dan jangan simpan di tempat yang dapat dibaca orang lain.",
  "code.advice.device":
    "Jika orang lain mungkin memakai perangkat ini, tutup browser setelah Anda selesai. Anda memerlukan kode ini untuk kembali.",
  "code.continue": "Saya sudah menyimpan kode saya. Lanjutkan",

  "resume.heading": "Lanjutkan dengan kode akses Anda",
  "resume.intro": "Masukkan kode akses yang Anda terima saat memulai permohonan.",
  "resume.label": "Kode akses",
  "resume.submit": "Lanjutkan",
  "resume.unknown": "Kode ini tidak membuka permohonan apa pun. Periksa kode itu dan coba lagi.",
  "resume.unknown.summary": "Kode akses tidak dikenali",

  "my.heading": "Permohonan Anda",
  "my.call": "Program pendanaan: {title}",
  "my.status": "Status",
  "my.due": "Kami berjanji memberikan keputusan paling lambat {date}.",
  "my.sent": "Dikirim pada {date}.",
  "my.todo": "Yang diperlukan",
  "my.step.note": "Catatan konsep",
  "my.step.funding": "Dana yang Anda minta",
  "my.step.budget": "Berkas anggaran",
  "my.step.done": "selesai",
  "my.step.todo": "belum selesai",
  "my.step.optional": "opsional",
  "my.request": "Yang kami minta dari Anda",
  "my.amount": "Jumlah dana yang diberikan: {amount}",
  "my.review": "Periksa dan kirim",
  "my.withdraw": "Tarik permohonan ini",
  "my.signout": "Keluar dan lupakan perangkat ini",
  "my.back": "Kembali ke permohonan Anda",
  "my.locked": "Permohonan ini tidak dapat diubah lagi.",

  "stage.draft": "Draf: belum dikirim",
  "stage.submitted": "Diterima",
  "stage.in_review": "Sedang ditinjau",
  "stage.more_info": "Kami memerlukan informasi tambahan dari Anda",
  "stage.shortlisted": "Sedang ditinjau",
  "stage.full_submitted": "Permohonan lengkap diterima",
  "stage.approved": "Keputusan: didanai",
  "stage.declined": "Keputusan: tidak didanai",
  "stage.withdrawn": "Ditarik",

  "note.heading": "Catatan konsep",
  "note.intro": "Simpan sesering yang Anda mau; draf Anda disimpan sampai Anda mengirimkannya.",
  "note.words": "{words} dari {max} kata",
  "note.over": "{words} dari {max} kata: melebihi batas",
  "note.save": "Simpan draf",
  "note.saved": "Tersimpan. Anda dapat kembali kapan saja dengan kode akses Anda.",
  "note.too_many_characters":
    "{field}: melebihi batas {max} karakter untuk bagian ini. Tidak ada yang disimpan; mohon persingkat.",

  "funding.heading": "Dana yang Anda minta",
  "funding.rules": "Antara {min} dan {max}, untuk kegiatan paling lama {months} bulan.",
  "funding.amount": "Jumlah yang Anda minta, dalam {currency}",
  "funding.annual_budget": "Anggaran tahunan Anda saat ini, dalam {currency}",
  "funding.months": "Berapa bulan kegiatan ini akan berlangsung?",
  "funding.save": "Simpan",
  "funding.saved": "Tersimpan.",

  "budget.heading": "Berkas anggaran",
  "budget.allowed": "Yang diterima: {types}, maksimal {size}.",
  "budget.metadata":
    "Berkas dapat memuat keterangan tersembunyi, seperti nama pembuatnya. Hapus keterangan itu sebelum mengunggah jika hal itu penting bagi keselamatan Anda.",
  "budget.type": "Apa jenis berkas ini?",
  "budget.replace": "Ganti berkas",
  "budget.replace.heading": "Ganti berkas",
  "budget.done": "Lanjutkan",
  "budget.next": "Berikutnya",
  "budget.file": "Pilih berkas",
  "budget.upload": "Unggah",
  "budget.current": "Berkas saat ini: {name} ({size})",
  "budget.accepted": "Berkas anggaran Anda sudah diterima dan diperiksa.",
  "budget.expires.one":
    "Kirim berkas dalam {count} menit. Setelah itu formulir ini tidak berfungsi lagi, dan Anda perlu memilih jenis berkas lagi.",
  "budget.expires.other":
    "Kirim berkas dalam {count} menit. Setelah itu formulir ini tidak berfungsi lagi, dan Anda perlu memilih jenis berkas lagi.",
  "budget.pending":
    "Pengunggahan sudah dimulai, tetapi berkasnya belum diperiksa. Jika Anda sudah mengirimnya, periksa sekarang; jika belum, pilih jenis berkas lagi.",
  "budget.check": "Periksa berkas yang diunggah",

  "review.heading": "Periksa dan kirim",
  "review.problems": "Sebelum Anda dapat mengirim:",
  "review.ready":
    "Semua yang diperlukan sudah lengkap. Setelah dikirim, permohonan tidak dapat diubah, kecuali jika kami meminta informasi tambahan dari Anda.",
  "review.submit": "Kirim permohonan",
  "review.done": "Permohonan Anda sudah dikirim.",

  // Applicant: the review of what is sent, read-only views, named errors, next steps.
  "funding.field.amount": "Jumlah",
  "funding.field.annualBudget": "Anggaran tahunan",
  "funding.field.months": "Lama kegiatan (bulan)",
  "funding.not_a_number": "Tulis angka bulat, misalnya {example}.",
  "funding.not_positive": "Tulis angka lebih dari 0, misalnya {example}.",
  "number.not_whole":
    "Kami membacanya sebagai {read}. Mohon tulis angka bulat, tanpa sen atau desimal, misalnya {whole}.",
  "funding.annual_budget.hint": "Jika Anda mengajukan permohonan sebagai perorangan, tanpa organisasi, tulis 0.",
  "funding.annual_budget_missing": "Tulis anggaran tahunan Anda saat ini.",
  "funding.from_quiz": "Anggaran tahunan Anda saat ini, sesuai jawaban Anda pada pertanyaan kelayakan: {amount}.",
  "funding.from_quiz.change": "Ubah jawaban kelayakan",
  "my.step.answers": "Jawaban kelayakan",
  // "About you", what reviewers see first to recognise a conflict of interest.
  "my.step.identity": "Tentang Anda",
  "identity.heading": "Tentang Anda",
  "identity.intro":
    "Kedua pertanyaan ini opsional. Peninjau hanya melihat dua jawaban ini sebelum melihat hal lain yang Anda kirim, agar siapa pun yang mengenal Anda atau organisasi Anda dapat mundur dari peninjauan.",
  "identity.name": "Nama atau organisasi, seperti yang ingin Anda tampilkan kepada peninjau",
  "identity.name.help": "Kosongkan jika Anda memilih untuk tidak menyebutkannya.",
  "identity.country": "Negara",
  "identity.save": "Simpan",
  "identity.saved": "Tersimpan.",
  "identity.name_too_long": "Nama atau organisasi: tulis paling banyak 200 karakter.",
  "answers.heading": "Jawaban kelayakan Anda",
  "answers.intro":
    "Anda dapat mengubahnya sampai Anda mengirim permohonan. Jawaban Anda akan diperiksa lagi sesuai ketentuan program pendanaan.",
  "answers.save": "Simpan jawaban",
  "answers.saved": "Tersimpan.",
  "answers.not_eligible":
    "Dengan jawaban ini, permohonan tidak lagi memenuhi ketentuan program pendanaan, jadi tidak ada yang diubah:",
  "review.intro": "Inilah semua yang akan dikirim. Periksa setiap bagian, dan ubah yang perlu diubah.",
  "review.sent_intro": "Inilah yang Anda kirim.",
  "review.change": "Ubah",
  "review.not_written": "Belum ditulis",
  "review.not_given": "Tidak diisi",
  "review.months.one": "{count} bulan",
  "review.months.other": "{count} bulan",
  "review.file_type": "Jenis",
  "review.file_name": "Nama berkas",
  "review.file_size": "Ukuran",
  "review.no_file": "Belum ada berkas yang diunggah.",
  "review.print":
    "Untuk menyimpan salinan cetak dari yang Anda kirim, gunakan menu Cetak di browser Anda. Simpan salinan itu hanya di tempat yang aman.",
  "review.changed":
    "Permohonan Anda diubah di tab lain atau di perangkat lain setelah Anda membuka halaman ini, sehingga permohonan tidak dikirim. Periksa apa yang akan dikirim sekarang, lalu kirim lagi.",
  "review.call_closed":
    "Program pendanaan ini tidak lagi menerima permohonan, sehingga permohonan Anda tidak dapat dikirim.",
  "locked.sent": "Anda mengirimnya pada {date}. Isinya tidak dapat diubah lagi.",
  "locked.withdrawn": "Anda menarik permohonan ini pada {date}. Permohonan ini tidak dapat diubah lagi.",
  "locked.answers": "Jawaban ini dikirim bersama permohonan Anda. Jawaban ini tidak dapat diubah lagi.",
  "changed.elsewhere":
    "Permohonan Anda diubah di tab lain atau di perangkat lain setelah Anda membuka halaman ini, sehingga yang baru saja Anda kirim tidak tersimpan. Halaman ini sekarang menampilkan yang tersimpan: ulangi perubahan Anda jika masih diperlukan.",
  "changed.unsaved": "Yang Anda ketik, tidak tersimpan",
  "my.next": "Apa yang terjadi selanjutnya",
  "my.message": "Pesan kami untuk Anda",
  "my.what_sent": "Lihat semua yang Anda kirim",
  // Applicant: the full application of a grant call's second stage (status page and its own pages).
  "my.full.heading": "Permohonan lengkap",
  "my.full.status": "Diundang mengirim permohonan lengkap",
  "my.full.invited": "Anda diundang untuk mengirim permohonan lengkap. Mohon kirim paling lambat {date}.",
  "my.full.start": "Tulis permohonan lengkap",
  "my.contact.heading": "Pertanyaan tentang permohonan Anda",
  "my.full.past_due":
    "Batas waktu pengiriman permohonan lengkap, {date}, sudah lewat, sehingga permohonan lengkap tidak dapat dikirim lagi. Jika ada hal yang menghalangi Anda mengirimnya tepat waktu, hubungi lembaga pemberi dana yang menjalankan program pendanaan ini: hanya tim mereka yang dapat memberi Anda tambahan waktu.",
  "my.full.received": "Kami menerima permohonan lengkap Anda pada {date}.",
  "my.full.next":
    "Sekarang peninjau akan membaca dan menilainya, lalu kami akan mengambil keputusan. Keputusan akan ditampilkan di halaman ini. Jika Anda memberikan alamat email, kami akan menulis kepada Anda saat ada kabar.",
  "my.full.what_sent": "Lihat permohonan lengkap yang Anda kirim",
  "full.heading": "Permohonan lengkap",
  "full.intro": "Simpan sesering yang Anda mau; draf Anda disimpan sampai Anda mengirimkannya.",
  "full.due": "Kirim paling lambat {date}.",
  "full.concept_note": "Catatan konsep Anda, seperti yang Anda kirim",
  "full.fields": "Proposal Anda",
  "full.documents": "Dokumen",
  "full.document.accepted": "Berkas Anda sudah diterima dan diperiksa.",
  "full.review.heading": "Periksa dan kirim permohonan lengkap",
  "full.review.intro":
    "Inilah semua yang akan dikirim dalam permohonan lengkap Anda. Periksa setiap bagian, dan ubah yang perlu diubah.",
  "full.review.ready":
    "Semua yang diperlukan sudah lengkap. Setelah dikirim, permohonan lengkap tidak dapat diubah lagi.",
  "full.review.submit": "Kirim permohonan lengkap",
  "full.review.done": "Permohonan lengkap Anda sudah dikirim.",
  "full.locked.sent": "Anda mengirim permohonan lengkap pada {date}. Permohonan lengkap tidak dapat diubah lagi.",
  "full.locked.not_open": "Tidak ada permohonan lengkap yang perlu ditulis untuk permohonan ini.",
  "decision.message_not_sent":
    "Pesan kepada pemohon hanya dikirim bersama keputusan atau permintaan informasi tambahan.",

  "withdraw.heading": "Tarik permohonan Anda",
  "withdraw.text.one":
    "Menarik permohonan akan mengakhiri prosesnya, dan hal ini tidak dapat dibatalkan. {count} hari kemudian, pada {date}, kami menghapus semua yang Anda kirim: jawaban Anda, yang Anda tulis, jumlah dana, berkas Anda, alamat kontak Anda, dan kode akses Anda.",
  "withdraw.text.other":
    "Menarik permohonan akan mengakhiri prosesnya, dan hal ini tidak dapat dibatalkan. {count} hari kemudian, pada {date}, kami menghapus semua yang Anda kirim: jawaban Anda, yang Anda tulis, jumlah dana, berkas Anda, alamat kontak Anda, dan kode akses Anda.",
  "withdraw.kept":
    "Setelah itu, yang tersisa hanyalah catatan bahwa sebuah permohonan pernah diajukan lalu ditarik, beserta tanggalnya, dan statistik anonim: tidak ada yang menunjukkan siapa Anda atau apa yang Anda tulis.",
  "withdraw.confirm": "Tarik permohonan",
  "withdraw.done": "Permohonan Anda sudah ditarik. Semua yang Anda kirim akan dihapus pada {date}.",

  "error.call_closed": "Program pendanaan ini tidak sedang menerima permohonan.",
  "error.not_eligible": "Jawaban tidak memenuhi ketentuan program pendanaan ini.",
  "error.call_changed":
    "Orang lain menyimpan program pendanaan ini setelah Anda membukanya, sehingga perubahan Anda tidak disimpan. Buka lagi untuk melihat perubahan mereka, lalu lakukan perubahan Anda.",
  "error.application_changed": "Permohonan ini berubah sejak Anda membukanya. Muat ulang halaman dan coba lagi.",
  "error.not_editable": "Permohonan ini tidak dapat diubah lagi.",
  "error.funding_rules": "Dana yang Anda minta tidak sesuai dengan ketentuan program pendanaan ini.",
  "error.note_too_long":
    "Sebagian catatan konsep jauh melebihi batas jumlah katanya, sehingga tidak ada yang disimpan.",
  "error.upload_not_allowed": "Berkas ini tidak dapat diunggah.",
  "error.upload_nothing_pending": "Belum ada pengunggahan yang dimulai. Pilih berkasnya lagi.",
  "error.upload_missing": "Tidak ada berkas yang diterima. Mohon unggah lagi.",
  "error.upload_too_large": "Berkas melebihi batas {max}, sehingga dihapus.",
  "error.upload_wrong_type": "Isi berkas tidak sesuai dengan jenis yang dipilih, sehingga berkas dihapus.",
  "error.upload_empty": "Berkas kosong, sehingga dihapus.",
  "error.upload_zip_bomb":
    "Spreadsheet ini mengembang jauh melebihi ukurannya, seperti bom zip, sehingga dihapus. Simpan ulang lalu unggah berkas yang baru, atau kirim sebagai CSV.",
  "error.upload_pdf_script":
    "PDF ini berisi JavaScript atau formulir berskrip, sehingga dihapus. Cetak ke PDF baru, atau kirim anggaran sebagai spreadsheet.",
  "error.upload_pdf_launch":
    "PDF ini mencoba menjalankan program lain, sehingga dihapus. Cetak ke PDF baru, atau kirim anggaran sebagai spreadsheet.",
  "error.upload_pdf_action":
    "PDF ini membuka alamat web, mengirim formulir, atau membuka berkas lain dengan sendirinya begitu dibaca, sehingga dihapus. Cetak ke PDF baru lalu unggah PDF itu.",
  "error.upload_pdf_embedded":
    "PDF ini memuat berkas lain di dalamnya, sehingga dihapus. Hapus lampirannya, atau kirim anggaran sebagai spreadsheet.",
  "error.upload_unchecked":
    "Sebagian berkas terenkripsi atau tidak dapat dibaca, sehingga tidak dapat diperiksa dan dihapus. Simpan tanpa kata sandi, atau kirim sebagai CSV.",
  "error.submit_incomplete": "Permohonan belum siap dikirim.",
  "error.already_decided": "Keputusan sudah diambil, sehingga permohonan tidak dapat ditarik lagi.",
  "error.forbidden": "Permintaan ini ditolak.",
  "error.full_no_full_application": "Program pendanaan ini tidak memiliki tahap permohonan lengkap.",
  "error.full_not_invited": "Permohonan lengkap hanya dapat ditulis setelah ada undangan untuk mengirimkannya.",
  "error.full_submitted": "Permohonan lengkap sudah dikirim, sehingga tidak dapat diubah lagi.",
  "error.full_past_due":
    "Batas waktu pengiriman permohonan lengkap sudah lewat, sehingga permohonan lengkap tidak dapat diubah atau dikirim lagi. Tidak ada yang disimpan.",
  "error.full_too_long":
    "Sebagian permohonan lengkap jauh melebihi batas jumlah katanya, sehingga tidak ada yang disimpan.",
  "error.full_incomplete": "Permohonan lengkap belum siap dikirim.",
  "full.unknown_field": "Kolom ini bukan bagian dari permohonan lengkap.",
  "submit.document_missing": "{document}: mohon unggah dokumen ini.",

  "application.language_not_offered": "Program pendanaan ini tidak menerima permohonan dalam bahasa ini.",
  "application.unknown_field": "Kolom ini bukan bagian dari catatan konsep.",
  "funding.below_min": "Jumlahnya di bawah batas minimum {min} {currency}.",
  "funding.above_max": "Jumlahnya di atas batas maksimum {max} {currency}.",
  "funding.above_ratio": "Jumlahnya paling banyak {ratio} kali anggaran tahunan Anda, yaitu {limit}.",
  "funding.too_many_months": "Kegiatan paling lama berlangsung {max} bulan.",
  "upload.type_not_allowed": "Jenis berkas ini tidak diterima.",
  "upload.too_large": "Berkas melebihi batas {max} yang diizinkan.",
  "submit.field_missing": "{field}: mohon isi bagian ini.",
  "submit.field_too_long": "{field}: {words} kata, melebihi batas {max} kata.",
  "submit.funding_missing": "Lengkapi bagian “Dana yang Anda minta”.",
  "submit.budget_missing": "Unggah berkas anggaran.",

  "mail.neutral_subject": "Pembaruan",
  "mail.update_body":
    "Halo,\n\nAda pembaruan untuk Anda. Untuk membacanya, buka {url}/apply/resume lalu masukkan kode akses Anda.\n\nPesan ini dikirim secara otomatis. Mohon tidak membalas pesan ini.",
  "mail.contact_confirm_body":
    "Halo,\n\nAlamat ini diberikan sebagai kontak. Jika itu Anda, buka tautan ini lalu tekan tombolnya untuk menerima pembaruan lewat email:\n{link}\n\nJika bukan Anda, abaikan pesan ini: alamat ini tidak akan menerima apa pun lagi dari kami, dan tidak akan menerima tautan lain selama {days} hari.\n\nPesan ini dikirim secara otomatis. Mohon tidak membalas pesan ini.",
  "contact.heading": "Konfirmasi alamat email Anda",
  "contact.intro":
    "Tekan tombol ini untuk menerima pembaruan tentang permohonan Anda di alamat ini. Tidak ada hal lain yang berubah.",
  "contact.button": "Konfirmasi alamat saya",
  "contact.done": "Terima kasih: alamat Anda sudah dikonfirmasi. Kami akan menulis ke alamat itu saat ada pembaruan.",
  "contact.unknown":
    "Tautan ini tidak berlaku, atau sudah lebih dari 30 hari. Halaman status permohonan Anda selalu dapat dibuka dengan kode akses Anda.",
  "my.contact_status.confirmation_sent":
    "Kami mengirim satu email ke alamat kontak Anda, berisi tautan untuk mengonfirmasinya. Sebelum Anda mengonfirmasi, kami tidak mengirim apa pun lagi ke alamat itu: baca pembaruan Anda di halaman ini.",
  "my.contact_status.confirmation_sent_recently":
    "Email untuk mengonfirmasi alamat ini sudah dikirim dalam 30 hari terakhir, jadi kami tidak mengirim lagi. Gunakan tautan dalam email itu; sampai saat itu, baca pembaruan Anda di halaman ini.",
  "start.limited.heading": "Mohon tunggu sebentar",
  "start.limited.body":
    "Dalam satu jam terakhir, banyak permohonan dimulai dari koneksi Anda atau untuk program pendanaan ini, sehingga kami belum dapat memulai permohonan baru sekarang. Jawaban Anda tidak bermasalah, dan yang Anda ketik sudah kami simpan. Mohon coba lagi dalam sekitar {minutes} menit.",
  "help.heading": "Jika Anda butuh bantuan sekarang",
  "help.call": "Telepon {phone}",
  "help.web": "Situs web",
  "help.email": "Kirim email ke {email}",
  "call.issue.help_contact": "Isi nomor telepon, alamat web, atau alamat email.",
  "start.limited.contact": "Hubungi lembaga pemberi dana",
  // The structured call editor and its messages.
  "call.issue.at_least": "Minimal {minimum}.",
  "call.issue.at_most": "Maksimal {maximum}.",
  "call.issue.budget_question": "Pilih salah satu pertanyaan angka di program pendanaan ini, atau tidak sama sekali.",
  "call.issue.closing_date": "Program pendanaan jenis hibah memerlukan tanggal penutupan.",
  "call.issue.countries_only": "Hanya pertanyaan negara yang berisi daftar negara.",
  "call.issue.currency": "Tulis kode mata uang tiga huruf, seperti EUR atau USD.",
  "call.issue.date": "Isi tanggal dan waktu, atau kosongkan.",
  "call.issue.full_grant_only": "Hanya program pendanaan jenis hibah yang dapat memiliki permohonan lengkap.",
  "call.issue.full_stages":
    "Program pendanaan dengan permohonan lengkap memerlukan tahap “shortlisted” dan “full_submitted”.",
  "call.issue.day_order":
    "Pengingat harus datang sebelum eskalasi, dan eskalasi tidak boleh lebih lambat daripada keputusan.",
  "call.issue.language": "Gunakan kode bahasa seperti en, es, pt, th.",
  "call.issue.min_max": "Jumlah terkecil tidak boleh lebih besar daripada jumlah terbesar.",
  "call.issue.needs_options": "Pertanyaan pilihan memerlukan opsi: tambahkan minimal satu.",
  "call.issue.no_options": "Jenis pertanyaan ini tidak memakai opsi.",
  "call.issue.no_question": "Aturan ini membaca pertanyaan yang tidak ada di program pendanaan ini.",
  "call.issue.note_too_long":
    "Jumlah semua batas kata melebihi kapasitas catatan konsep (sekitar 3.000 kata secara keseluruhan).",
  "call.issue.number": "Tulis angka.",
  "call.issue.rule_test": "Pengujian ini tidak sesuai dengan jenis pertanyaannya.",
  "call.issue.slug": "Gunakan hanya huruf kecil, angka, - dan _.",
  "call.issue.stage_required": "Tahap “{stage}” wajib ada.",
  "call.issue.too_few": "Tambahkan minimal {minimum}.",
  "call.issue.unique": "Setiap id harus berbeda.",

  "decision.amount_missing": "Isi jumlah yang disetujui.",
  "decision.above_requested": "Jumlah yang disetujui tidak boleh melebihi {max} yang diminta.",
  "decision.above_call": "Jumlah yang disetujui tidak boleh melebihi batas maksimum program pendanaan, yaitu {max}.",
  "decision.note_missing": "Tulis catatan.",
  "decision.question_missing": "Tulis pertanyaan yang perlu dijawab pemohon, sebagai pesan kepada pemohon.",
  // A request for more information: the question, the applicant's answer, and earlier rounds.
  "more_info.unknown_field": "Kolom ini bukan bagian dari jawaban.",
  "error.more_info_too_long": "Jawaban jauh melebihi batas jumlah katanya, sehingga tidak ada yang disimpan.",
  "more_info.answer_label": "Jawaban Anda",
  "more_info.answer_help":
    "Jawab pertanyaan ini dengan kata-kata Anda sendiri. Jika pertanyaan meminta Anda mengubah permohonan, ubah juga permohonan Anda. Jawaban Anda ikut terkirim saat Anda mengirim ulang permohonan.",
  "more_info.heading": "Jawab pertanyaan kami",
  "more_info.intro":
    "Kami memerlukan informasi tambahan sebelum dapat mengambil keputusan. Tulis jawaban Anda di sini, lalu periksa permohonan Anda dan kirim ulang.",
  "more_info.question": "Pertanyaan kami",
  "more_info.asked": "Ditanyakan pada {date}",
  "more_info.answered": "Dijawab pada {date}",
  "more_info.saved": "Jawaban Anda sudah tersimpan. Jawaban ini ikut terkirim saat Anda mengirim ulang permohonan.",
  "more_info.send": "Periksa dan kirim ulang",
  "more_info.earlier": "Pertanyaan sebelumnya dan jawaban Anda",
  "more_info.your_answer": "Jawaban Anda",
  "more_info.not_answered": "Belum dijawab.",
  "more_info.none": "Tidak ada pertanyaan yang menunggu jawaban Anda.",
  "more_info.history": "Pertanyaan kami dan jawaban Anda",
  "more_info.answer_now": "Jawab pertanyaan",
  "my.step.more_info": "Jawab pertanyaan kami",
  "review.not_a_reviewer": "Orang ini bukan peninjau di program pendanaan ini.",
  "review.score_missing": "Beri nilai untuk kriteria ini.",
  "review.score_range": "Isi angka bulat dari {min} sampai {max}.",
  "review.unknown_criterion": "Ini bukan kriteria dalam rubrik program pendanaan ini.",

  "error.already_declared": "Anda sudah membuat pernyataan untuk permohonan ini.",
  "error.round_not_open": "Permohonan lengkap dapat dinilai setelah dikirim.",
  "error.round_closed": "Permohonan lengkap sudah dikirim: nilailah permohonan lengkap, bukan catatan konsep.",
  "error.conflicted": "Anda menyatakan ada konflik kepentingan untuk permohonan ini.",
  "error.declare_first": "Nyatakan apakah Anda memiliki konflik kepentingan sebelum membaca permohonan ini.",
  "error.impossible_move": "Program pendanaan ini tidak mengizinkan pemindahan permohonan dari {from} ke {to}.",
  "error.invalid_move": "Pemindahan ini tidak dapat dilakukan seperti yang diminta.",
  "error.invalid_scores": "Sebagian nilai belum diisi atau tidak valid.",
  "error.busy":
    "Banyak orang sedang mengirim perubahan saat ini. Coba lagi dalam beberapa detik: tidak ada yang disimpan.",
  "error.rate_limited": "Terlalu banyak permintaan. Coba lagi dalam {seconds} detik.",
  "error.totp_enrolled": "Faktor kedua sudah diatur untuk akun ini.",
  "error.totp_invalid": "Kode ini tidak valid. Periksa jam di perangkat Anda dan coba kode berikutnya.",
  "error.totp_not_started": "Mulai pengaturan faktor kedua terlebih dahulu.",
  "error.unauthenticated": "Masuk untuk melanjutkan; sesi Anda tidak ada atau sudah berakhir.",

  "mail.sign_in_body":
    "Halo,\n\nBuka tautan ini untuk masuk. Tautan ini hanya berlaku sekali, selama {minutes} menit:\n{link}\n\nJika Anda tidak memintanya, abaikan pesan ini.",
  "mail.staff_update_body":
    "Halo,\n\nSebuah permohonan ditugaskan kepada Anda untuk ditinjau. Masuk di {url}/staff untuk melihatnya.\n\nPesan ini dikirim secara otomatis. Mohon tidak membalas pesan ini.",
  "mail.staff_conflict_body":
    "Halo,\n\nSeorang peninjau menyatakan konflik kepentingan pada permohonan di program pendanaan yang Anda koordinasikan, sehingga permohonan itu mungkin memerlukan peninjau lain. Masuk di {url}/staff untuk melihatnya.\n\nPesan ini dikirim secara otomatis. Mohon tidak membalas pesan ini.",
  "mail.staff_account_created_body":
    "Halo,\n\nAkun staf telah dibuat untuk alamat ini. Untuk masuk, buka {url}/staff lalu masukkan alamat ini.\n\nJika Anda tidak mengharapkannya, abaikan pesan ini.\n\nPesan ini dikirim secara otomatis. Mohon tidak membalas pesan ini.",
  // Staff subjects say what an email is about (an applicant's subject is always the neutral one).
  "mail.staff_subject.sign_in": "Tautan masuk",
  "mail.staff_subject.assigned": "Tugas baru",
  "mail.staff_subject.conflict": "Konflik kepentingan dinyatakan",
  "mail.staff_subject.admin_notice": "Akses akun staf diubah",
  "mail.staff_subject.second_factor_reset": "Faktor kedua Anda telah diatur ulang",
  "mail.staff_subject.account_created": "Akun staf Anda",
  "mail.staff_subject.reminder": "Pengingat peninjauan: permohonan {applicationId}",
  "mail.staff_subject.escalation": "Batas waktu keputusan sudah dekat: permohonan {applicationId}",
  "mail.staff_subject.overdue": "Keputusan terlambat: permohonan {applicationId}",
  "mail.staff_admin_notice_body":
    "Halo,\n\nSeorang administrator mengubah akses sebuah akun staf. Anda diberi tahu karena Anda juga administrator. Pastikan perubahan ini memang sudah Anda ketahui: {url}/staff/admin/users/{account}\n\nPesan ini dikirim secara otomatis. Mohon tidak membalas pesan ini.",
  "mail.staff_second_factor_reset_body":
    "Halo,\n\nSeorang administrator telah mengatur ulang faktor kedua akun staf Anda. Saat berikutnya Anda masuk di {url}/staff, Anda akan mengatur aplikasi autentikator lagi dan mendapat kode pemulihan baru.\n\nJika Anda tidak memintanya, segera beri tahu administrator lain.\n\nPesan ini dikirim secara otomatis. Mohon tidak membalas pesan ini.",
  "mail.staff_subject": "Permohonan {applicationId}",
  "mail.staff_reminder_body":
    "Halo,\n\nPermohonan {applicationId} ({call}) sedang menunggu peninjauan. Buka di {url}/staff/applications/{applicationId}\n\nPesan ini dikirim secara otomatis. Mohon tidak membalas pesan ini.",
  "mail.staff_escalation_body":
    "Halo,\n\nTanggal keputusan permohonan {applicationId} ({call}) sudah dekat: {date}. Permohonan ini belum diputuskan. Buka di {url}/staff/applications/{applicationId}\n\nPesan ini dikirim secara otomatis. Mohon tidak membalas pesan ini.",
  "mail.staff_overdue_body":
    "Halo,\n\nTanggal keputusan permohonan {applicationId} ({call}), {date}, sudah lewat tanpa keputusan. Buka di {url}/staff/applications/{applicationId}\n\nPesan ini dikirim secara otomatis. Mohon tidak membalas pesan ini.",
  "mail.applicant_late_body":
    "Halo,\n\nJawaban atas permintaan Anda memakan waktu lebih lama dari yang kami sampaikan: kami memperkirakan dapat memberikannya paling lambat {date}. Untuk mengikuti perkembangannya, buka {url}/apply/resume lalu masukkan kode akses Anda.\n\nPesan ini dikirim secara otomatis. Mohon tidak membalas pesan ini.",
  "mail.applicant_invited_body":
    "Halo,\n\nAda pembaruan untuk Anda, dengan sesuatu yang perlu dilakukan paling lambat {date}. Untuk membacanya, buka {url}/apply/resume lalu masukkan kode akses Anda.\n\nPesan ini dikirim secara otomatis. Mohon tidak membalas pesan ini.",
  "mail.applicant_due_changed_body":
    "Halo,\n\nTanggal yang kami berikan kepada Anda telah berubah menjadi {date}. Untuk membaca selengkapnya, buka {url}/apply/resume lalu masukkan kode akses Anda.\n\nPesan ini dikirim secara otomatis. Mohon tidak membalas pesan ini.",

  "problem.input": "Permintaan tidak valid",
  "problem.unauthenticated": "Anda perlu masuk",
  "problem.forbidden": "Anda tidak diizinkan melakukan ini",
  "problem.not_found": "Tidak ditemukan",
  "problem.conflict": "Ini bertentangan dengan keadaan saat ini",
  "problem.too_large": "Permintaan terlalu besar",
  "problem.unprocessable": "Permintaan tidak dapat diterima",
  "problem.rate_limited": "Terlalu banyak permintaan",
  "problem.precondition_failed": "Syarat untuk perubahan ini tidak terpenuhi",
  "problem.precondition_required": "Perubahan ini harus menyebutkan versi yang menjadi dasarnya",
  "problem.internal": "Terjadi kesalahan di pihak kami",

  "error.not_found": "Tidak ada apa pun di sini. Alamatnya mungkin salah ketik, atau halamannya mungkin sudah dihapus.",
  "error.invalid_input": "Sebagian data yang dikirim tidak valid.",
  "error.malformed_json": "Isi permintaan bukan JSON yang valid.",
  "error.unsupported_media_type": "Kirim isi permintaan sebagai application/json.",
  "error.too_large": "Isi permintaan melebihi {limit}.",
  "error.invalid_answers": "Sebagian jawaban tidak valid.",
  "error.incomplete_answers": "Sebagian jawaban belum diisi atau di luar rentang yang diizinkan.",
  "error.internal": "Mohon coba lagi sebentar lagi. Tidak ada yang Anda kirim yang kami simpan.",
  "error.page.heading": "Maaf",

  "eligibility.unknown_question": "Pertanyaan ini bukan bagian dari program pendanaan ini.",
  "eligibility.required": "Mohon jawab pertanyaan ini.",
  "eligibility.expected_choice": "Pilih salah satu opsi.",
  "eligibility.expected_choices": "Pilih dari opsi yang ada, dalam bentuk daftar.",
  "eligibility.unknown_option": "Ini bukan salah satu opsi.",
  "eligibility.expected_boolean": "Jawab ya atau tidak.",
  "eligibility.expected_number": "Masukkan angka, misalnya 12000.",
  "eligibility.number_too_small": "Masukkan angka minimal {min}.",
  "eligibility.number_too_large": "Masukkan angka maksimal {max}.",
  "eligibility.expected_country": "Pilih negara dari daftar.",

  "validation.invalid_type": "Seharusnya {expected}.",
  "validation.required": "Wajib diisi.",
  "validation.too_small": "Terlalu kecil atau terlalu pendek.",
  "validation.too_big": "Terlalu besar atau terlalu panjang.",
  "validation.invalid_value": "Nilai ini tidak diizinkan.",
  "validation.invalid_format": "Formatnya tidak sesuai.",
  "validation.unrecognized_keys": "Kolom tidak dikenal.",
  "validation.invalid": "Ini tidak valid.",
};
