"""What the API answers: the fields the pages show, per role. Personal data of people (NIK, birth date, phone) follows
`pesantren.personal_data.personal_data_visibility` exactly as the pages do: the "Lengkap" serializers (Staf Diskop,
Admin) carry it whole, the "Tersamar" ones (Pimpinan) carry it masked by the pages' own masks, and the plain ones
(Petugas OPD) do not have the fields at all. Each view picks its serializer per request (views.py), so the OpenAPI
document a user downloads describes only the variant that user receives."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from opop.accounts.models import PerangkatDaerah
from opop.indicators.models import Indicator, RecordedFigure, Target
from opop.wilayah.models import KabupatenKota, Kecamatan
from pesantren.models import Kopontren, Participation, Pesantren, Santripreneur, Sociopreneur
from pesantren.personal_data import mask_birth_date, mask_nik, mask_phone
from pesantren.services import PESANTREN_FIELDS
from products.models import Certification, Product, ProductCategory
from products.services import CURATION_FIELDS, PRODUCT_FIELDS
from programs.models import KEGIATAN_INPUT_FIELDS, Kegiatan, LaporanTriwulan, Realisasi, Rencana

PERSONAL = ["nik", "tanggal_lahir", "telepon"]


# ---------------------------------------------------------------- reference data


class KabupatenKotaSerializer(serializers.ModelSerializer):
    class Meta:
        model = KabupatenKota
        fields = ["kode", "nama"]


class KecamatanSerializer(serializers.ModelSerializer):
    class Meta:
        model = Kecamatan
        fields = ["kode", "nama"]


class OpdSerializer(serializers.ModelSerializer):
    class Meta:
        model = PerangkatDaerah
        fields = ["id", "kode", "singkatan", "nama"]


# ---------------------------------------------------------------- the registry


class KopontrenSerializer(serializers.ModelSerializer):
    class Meta:
        model = Kopontren
        fields = ["nama", "nomor_badan_hukum", "nib", "jumlah_anggota", "status"]


class PesantrenSerializer(serializers.ModelSerializer):
    """A pesantren as its page shows it to every role; `telepon` and `email` are the institution's contact (shown to
    every role on the page too, and recorded in the access log), not a person's personal data."""

    kabkota = KabupatenKotaSerializer()
    kecamatan = KecamatanSerializer(allow_null=True)

    class Meta:
        model = Pesantren
        fields = ["id", *PESANTREN_FIELDS]  # the registry's own editable fields, as the pages


class PesantrenDetailSerializer(PesantrenSerializer):
    kopontren = serializers.SerializerMethodField()

    class Meta(PesantrenSerializer.Meta):
        fields = [*PesantrenSerializer.Meta.fields, "kopontren"]

    @extend_schema_field(KopontrenSerializer(allow_null=True))
    def get_kopontren(self, obj):
        kopontren = getattr(obj, "kopontren", None)
        return KopontrenSerializer(kopontren).data if kopontren is not None else None


class PesantrenRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Pesantren
        fields = ["id", "nspp", "nama"]


class ParticipationSerializer(serializers.ModelSerializer):
    opd = OpdSerializer()

    class Meta:
        model = Participation
        fields = ["id", "kegiatan", "opd", "tahun"]


class MaskedPersonalFields(serializers.Serializer):
    """Pimpinan: the pages' masks (3517********0001, **-**-2004, 0812******90)."""

    nik = serializers.SerializerMethodField()
    tanggal_lahir = serializers.SerializerMethodField()
    telepon = serializers.SerializerMethodField()

    def get_nik(self, obj) -> str:
        return mask_nik(obj.nik)

    def get_tanggal_lahir(self, obj) -> str:
        return mask_birth_date(obj.tanggal_lahir)

    def get_telepon(self, obj) -> str:
        return mask_phone(obj.telepon)


class SantripreneurSerializer(serializers.ModelSerializer):
    """A santripreneur without personal data (Petugas OPD: NIK, birth date and phone are not part of this answer)."""

    pesantren = PesantrenRefSerializer()
    kabkota = serializers.SerializerMethodField()

    class Meta:
        model = Santripreneur
        fields = ["id", "nama", "jenis_kelamin", "status", "pesantren", "kabkota", "bidang_usaha", "tahun_terdaftar"]

    @extend_schema_field(KabupatenKotaSerializer())
    def get_kabkota(self, obj):
        return KabupatenKotaSerializer(obj.pesantren.kabkota).data


class SantripreneurTersamarSerializer(MaskedPersonalFields, SantripreneurSerializer):
    """A santripreneur with personal data masked (Pimpinan)."""

    class Meta(SantripreneurSerializer.Meta):
        fields = [*SantripreneurSerializer.Meta.fields, *PERSONAL]


class SantripreneurLengkapSerializer(SantripreneurSerializer):
    """A santripreneur with personal data in full (Staf Diskop, Admin)."""

    class Meta(SantripreneurSerializer.Meta):
        fields = [*SantripreneurSerializer.Meta.fields, *PERSONAL]


def _with_participations(base, name):
    class Detail(base):
        partisipasi = serializers.SerializerMethodField()

        class Meta(base.Meta):
            fields = [*base.Meta.fields, "partisipasi"]

        @extend_schema_field(ParticipationSerializer(many=True))
        def get_partisipasi(self, obj):
            return ParticipationSerializer(self.context["partisipasi"], many=True).data

    Detail.__name__ = Detail.__qualname__ = name
    Detail.__doc__ = f"{base.__doc__.rstrip('.)')}; with the person's participations.)"
    return Detail


SantripreneurDetailSerializer = _with_participations(SantripreneurSerializer, "SantripreneurDetailSerializer")
SantripreneurTersamarDetailSerializer = _with_participations(
    SantripreneurTersamarSerializer, "SantripreneurTersamarDetailSerializer"
)
SantripreneurLengkapDetailSerializer = _with_participations(
    SantripreneurLengkapSerializer, "SantripreneurLengkapDetailSerializer"
)


class SociopreneurSerializer(serializers.ModelSerializer):
    """A sociopreneur without personal data (Petugas OPD)."""

    pesantren_asal = PesantrenRefSerializer(allow_null=True)
    kabkota = KabupatenKotaSerializer()

    class Meta:
        model = Sociopreneur
        fields = [
            "id",
            "nama",
            "jenis_kelamin",
            "status",
            "pesantren_asal",
            "nama_usaha",
            "sektor",
            "kabkota",
            "nib",
            "tahun_mulai",
            "jumlah_pekerja",
        ]


class SociopreneurTersamarSerializer(MaskedPersonalFields, SociopreneurSerializer):
    """A sociopreneur with personal data masked (Pimpinan)."""

    class Meta(SociopreneurSerializer.Meta):
        fields = [*SociopreneurSerializer.Meta.fields, *PERSONAL]


class SociopreneurLengkapSerializer(SociopreneurSerializer):
    """A sociopreneur with personal data in full (Staf Diskop, Admin)."""

    class Meta(SociopreneurSerializer.Meta):
        fields = [*SociopreneurSerializer.Meta.fields, *PERSONAL]


# ---------------------------------------------------------------- products


class ProductCategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = ProductCategory
        fields = ["kode", "nama"]


class CertificationSerializer(serializers.ModelSerializer):
    terverifikasi = serializers.SerializerMethodField()

    class Meta:
        model = Certification
        fields = ["id", "jenis", "nomor", "tanggal_terbit", "berlaku_sampai", "terverifikasi"]

    def get_terverifikasi(self, obj) -> bool:
        return obj.diverifikasi_oleh_id is not None


class ProductSerializer(serializers.ModelSerializer):
    pesantren = PesantrenRefSerializer()
    kategori = ProductCategorySerializer()

    class Meta:
        model = Product
        fields = ["id", *PRODUCT_FIELDS, *CURATION_FIELDS]  # the catalogue's fields, as the pages


class ProductDetailSerializer(ProductSerializer):
    sertifikasi = serializers.SerializerMethodField()

    class Meta(ProductSerializer.Meta):
        fields = [*ProductSerializer.Meta.fields, "sertifikasi"]

    @extend_schema_field(CertificationSerializer(many=True))
    def get_sertifikasi(self, obj):
        return CertificationSerializer(obj.sertifikasi_list, many=True).data


# ---------------------------------------------------------------- plans


class RealisasiSerializer(serializers.ModelSerializer):
    kategori_kendala = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Realisasi
        fields = [
            "triwulan",
            "output",
            "fisik_persen",
            "anggaran_terserap",
            "penjelasan_anggaran",
            "permasalahan",
            "kategori_kendala",
            "faktor_pendorong",
            "faktor_penghambat",
            "diubah_pada",
        ]


class RealisasiDetailSerializer(RealisasiSerializer):
    kegiatan = serializers.PrimaryKeyRelatedField(read_only=True)
    rencana = serializers.SerializerMethodField()

    class Meta(RealisasiSerializer.Meta):
        fields = ["kegiatan", "rencana", *RealisasiSerializer.Meta.fields]

    def get_rencana(self, obj) -> int:
        return obj.kegiatan.rencana_id


class RealisasiInputSerializer(serializers.Serializer):
    """One line's realisation for a quarter, cumulative to the quarter's end: what the quarter grid asks for. The
    grid's own form and service check it (cumulative output never going down, spending beyond the pagu explained)."""

    output = serializers.IntegerField(min_value=0, max_value=2_147_483_647)
    fisik_persen = serializers.DecimalField(max_digits=5, decimal_places=2, min_value=0, max_value=100)
    anggaran_terserap = serializers.DecimalField(max_digits=15, decimal_places=0, min_value=0)
    penjelasan_anggaran = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")
    permasalahan = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")
    kategori_kendala = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        min_value=1,
        max_value=2_147_483_647,
        help_text="Id kategori permasalahan (rekap kendala FGD); kosong bila tidak ada.",
    )
    faktor_pendorong = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")
    faktor_penghambat = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")


class KegiatanSerializer(serializers.ModelSerializer):
    indikator = serializers.SlugRelatedField(slug_field="kode", read_only=True)
    realisasi = RealisasiSerializer(many=True, source="realisasi_list")

    class Meta:
        model = Kegiatan
        fields = ["id", "nomor", *KEGIATAN_INPUT_FIELDS, "realisasi"]  # the line's own fields, as the services


class LaporanTriwulanSerializer(serializers.ModelSerializer):
    class Meta:
        model = LaporanTriwulan
        fields = ["triwulan", "status", "diajukan_pada", "diverifikasi_pada", "catatan"]


class RencanaSerializer(serializers.ModelSerializer):
    opd = OpdSerializer()
    jumlah_kegiatan = serializers.IntegerField()
    total_pagu = serializers.IntegerField()

    class Meta:
        model = Rencana
        fields = ["id", "opd", "tahun", "status", "diajukan_pada", "diverifikasi_pada", "jumlah_kegiatan", "total_pagu"]


class RencanaDetailSerializer(serializers.ModelSerializer):
    opd = OpdSerializer()
    kegiatan = serializers.SerializerMethodField()
    laporan = LaporanTriwulanSerializer(many=True)

    class Meta:
        model = Rencana
        fields = [
            "id",
            "opd",
            "tahun",
            "status",
            "diajukan_pada",
            "diverifikasi_pada",
            "catatan",
            "kegiatan",
            "laporan",
        ]

    @extend_schema_field(KegiatanSerializer(many=True))
    def get_kegiatan(self, obj):
        return KegiatanSerializer(self.context["kegiatan"], many=True).data


# ---------------------------------------------------------------- indicators and progress


class TargetSerializer(serializers.ModelSerializer):
    class Meta:
        model = Target
        fields = ["tahun", "nilai", "sumber"]


class RecordedFigureSerializer(serializers.ModelSerializer):
    class Meta:
        model = RecordedFigure
        fields = ["tahun", "nilai", "jenis_sumber", "sumber", "catatan"]


class IndicatorSerializer(serializers.ModelSerializer):
    target = TargetSerializer(many=True, source="current")
    angka_tercatat = RecordedFigureSerializer(many=True, source="recorded")

    class Meta:
        model = Indicator
        fields = [
            "id",
            "kode",
            "nama",
            "definisi",
            "satuan",
            "aturan_hitung",
            "kumulatif",
            "sumber",
            "target",
            "angka_tercatat",
        ]


class ProgressSerializer(serializers.Serializer):
    """One card of the dashboards: the registry's value at the end of `tahun` against the deadline target, with the
    same arithmetic (opop/dashboard/progress.py) and the same scope as the page."""

    kode = serializers.CharField()
    nama = serializers.CharField()
    tahun = serializers.IntegerField()
    realisasi = serializers.IntegerField()
    dari_registri = serializers.BooleanField(help_text="Dihitung dari registri portal (bukan hanya angka tercatat).")
    tahun_target = serializers.IntegerField(allow_null=True)
    target = serializers.IntegerField(allow_null=True)
    target_tahun_ini = serializers.IntegerField(allow_null=True)
    persen = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    pita = serializers.CharField(allow_null=True, help_text="Pita capaian yang sama dengan kartu dasbor.")
    baseline = serializers.IntegerField()
    selesai = serializers.BooleanField()
    angka_tercatat = RecordedFigureSerializer(many=True)
    sumber = serializers.CharField()
    per_tanggal = serializers.DateTimeField(help_text="Saat angka ini dihitung (keadaan registri).")


# ---------------------------------------------------------------- registry people written by a Staf system


class PersonInputSerializer(serializers.Serializer):
    """What the person forms of the registry ask for; their own checks (NIK format and uniqueness, phone, years)
    run after these types."""

    nama = serializers.CharField(max_length=150)
    nik = serializers.CharField(max_length=16, required=False, allow_blank=True, allow_null=True, default=None)
    jenis_kelamin = serializers.ChoiceField(choices=["L", "P", ""], required=False, default="")
    tanggal_lahir = serializers.DateField(required=False, allow_null=True, default=None)
    telepon = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    status = serializers.ChoiceField(choices=["aktif", "tidak_aktif"], required=False, default="aktif")


class SantripreneurInputSerializer(PersonInputSerializer):
    pesantren = serializers.IntegerField(min_value=1, max_value=2**63 - 1, help_text="Id pesantren.")
    bidang_usaha = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    tahun_terdaftar = serializers.IntegerField(min_value=2019, max_value=2045)


class SociopreneurInputSerializer(PersonInputSerializer):
    pesantren_asal = serializers.IntegerField(
        min_value=1, max_value=2**63 - 1, required=False, allow_null=True, default=None, help_text="Id pesantren."
    )
    nama_usaha = serializers.CharField(max_length=200)
    sektor = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")
    kabkota = serializers.CharField(max_length=10, help_text="Kode kab/kota usaha, mis. 35.17.")
    nib = serializers.CharField(max_length=13, required=False, allow_blank=True, default="")
    tahun_mulai = serializers.IntegerField(min_value=1900, max_value=2100)
    jumlah_pekerja = serializers.IntegerField(min_value=0, max_value=2_147_483_647, required=False, default=0)
