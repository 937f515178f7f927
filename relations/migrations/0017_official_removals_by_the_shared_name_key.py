"""A deleted official is recorded by its name key (services.decisions.official_removal_key). The
services now use the extractor's key (relations.extraction.names.name_key: dotless i folded, initials,
styles and particles such as "bin" or "oglu" left out), so the recorded keys are written again in it;
otherwise a curator's deletion of "Binali Yıldırım" would not hold against an article's "Binali Yildirim".

The stored item is the old key (its words, lower-cased, accents stripped, space-separated): the new key
of those words is the new key of the name, for the names the old key kept apart ("Tan Sri" needs its
capital to be read as a style, so the words are capitalised first).
"""

from django.db import migrations

from relations.extraction.names import name_key  # the key of this release: what the resolver compares


def rekey(apps, schema_editor):
    CuratorDecision = apps.get_model("relations", "CuratorDecision")
    groups: dict[tuple[str, str], list] = {}  # (owner, new key) -> the decisions that name that key now
    for decision in CuratorDecision.objects.filter(scope="official", kind="removed").order_by("pk"):
        item = " ".join(name_key(" ".join(w.capitalize() for w in decision.item.split())))
        groups.setdefault((decision.owner, item), []).append(decision)
    for (_, item), decisions in groups.items():
        # two old keys that are one name now: one decision holds for both (the one already keyed so, if any)
        keep = next((d for d in decisions if d.item == item), decisions[0])
        CuratorDecision.objects.filter(pk__in=[d.pk for d in decisions if d is not keep]).delete()
        if keep.item != item:
            keep.item = item
            keep.save(update_fields=["item"])


class Migration(migrations.Migration):
    dependencies = [
        ("relations", "0016_pair_dates_and_newest_indexes"),
    ]

    # Backwards: nothing to undo that matters (the old keys were the names' words; the new ones still name them).
    operations = [migrations.RunPython(rekey, migrations.RunPython.noop)]
