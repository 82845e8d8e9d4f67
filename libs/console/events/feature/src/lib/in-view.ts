import { Directive, ElementRef, inject, input, type OnDestroy, type OnInit, output } from '@angular/core';

/**
 * Reports whether its element is within the viewport (or `rootMargin` of it). The page
 * scrolls inside the shell's sidenav content, not the window; intersection with the
 * viewport accounts for that clipping, so no scroll container needs to be known here.
 */
@Directive({ selector: '[mfInView]' })
export class InView implements OnInit, OnDestroy {
  readonly rootMargin = input('0px');
  readonly mfInView = output<boolean>();
  private readonly element = inject<ElementRef<HTMLElement>>(ElementRef);
  private observer: IntersectionObserver | null = null;

  ngOnInit(): void {
    this.observer = new IntersectionObserver((entries) => this.mfInView.emit(entries.some((entry) => entry.isIntersecting)), {
      rootMargin: this.rootMargin(),
    });
    this.observer.observe(this.element.nativeElement);
  }

  /** Reports the current state again (after the content around it changed). */
  recheck(): void {
    if (this.observer) {
      this.observer.unobserve(this.element.nativeElement);
      this.observer.observe(this.element.nativeElement);
    }
  }

  ngOnDestroy(): void {
    this.observer?.disconnect();
  }
}
