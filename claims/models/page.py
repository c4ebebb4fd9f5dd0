from django.db import models


class Page(models.Model):
    """A transparency page (about and funding, methodology, corrections policy)
    that staff edit in the admin, without a deploy."""

    ABOUT = "about"
    METHODOLOGY = "methodology"
    CORRECTIONS_POLICY = "corrections-policy"

    slug = models.SlugField(max_length=100, unique=True)
    title = models.CharField(max_length=200)
    body = models.TextField(help_text="Markdown.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title
